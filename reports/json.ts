// run.json: the canonical run, byte-identical for the same input apart from timestamps and
// durations. Keys come in the order the schema declares them (schemaVersion first, a
// readable diff); keys the schema leaves open (sut.profile) come sorted.
import { readFileSync } from 'node:fs';
import type { RunModel } from '../model/run.ts';
import { canonicalRun } from './canonical.ts';
import { RUN_SCHEMA_FILE } from './validate-run.ts';

interface Node {
  properties?: Record<string, Node>;
  items?: Node;
  $ref?: string;
}

let schema: (Node & { $defs: Record<string, Node> }) | undefined;

function rootSchema(): Node & { $defs: Record<string, Node> } {
  schema ??= JSON.parse(readFileSync(RUN_SCHEMA_FILE, 'utf8')) as Node & { $defs: Record<string, Node> };
  return schema;
}

function resolve(node: Node | undefined): Node | undefined {
  if (!node?.$ref) return node;
  return resolve(rootSchema().$defs[node.$ref.replace('#/$defs/', '')]);
}

function ordered(value: unknown, node: Node | undefined): unknown {
  const n = resolve(node);
  if (Array.isArray(value)) return value.map((v) => ordered(v, n?.items));
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const declared = Object.keys(n?.properties ?? {});
  const rest = Object.keys(obj)
    .filter((k) => !declared.includes(k))
    .sort();
  const out: Record<string, unknown> = {};
  for (const k of [...declared, ...rest]) {
    if (obj[k] !== undefined) out[k] = ordered(obj[k], n?.properties?.[k]);
  }
  return out;
}

export function renderJson(run: RunModel): string {
  return `${JSON.stringify(ordered(canonicalRun(run), rootSchema()), null, 2)}\n`;
}
