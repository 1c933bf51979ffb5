// A field or component value as findings quote it: an empty one is named as empty, never shown
// as "" or as the separators around it ("^", "&").
export function shown(value: string | undefined): string {
  return value ? JSON.stringify(value) : 'empty';
}
