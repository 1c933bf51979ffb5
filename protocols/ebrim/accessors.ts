// Lookups over RegistryObjects by scheme and slot name.
import { SLOT } from './constants.ts';
import type { Classification, ExternalIdentifier, RegistryObject, Slot } from './model.ts';

export function slotOf(o: { slots: Slot[] }, name: string): Slot | undefined {
  return o.slots.find((s) => s.name === name);
}

export function slotValues(o: { slots: Slot[] }, name: string): string[] {
  return slotOf(o, name)?.values ?? [];
}

export function classificationsOf(o: RegistryObject, scheme: string): Classification[] {
  return o.classifications.filter((c) => c.scheme === scheme);
}

export function externalIdOf(o: RegistryObject, scheme: string): ExternalIdentifier | undefined {
  return o.externalIdentifiers.find((e) => e.scheme === scheme);
}

/** A coded classification's codingScheme slot (first value). */
export function codingSchemeOf(c: Classification): string | undefined {
  return slotOf(c, SLOT.codingScheme)?.values[0];
}

export function slotPath(o: { path: string }, name: string): string {
  return `${o.path}/rim:Slot[@name='${name}']`;
}

/** Location of the i-th (0-based) value of a slot. */
export function valuePath(slot: Slot, i: number): string {
  return slot.valuePaths?.[i] ?? `${slot.path}/rim:ValueList/rim:Value[${i + 1}]`;
}
