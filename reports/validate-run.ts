// Checks a run document against reports/schema/run.schema.json. Every report we write is
// rendered from a run that passed this check (writeReports validates first).
import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { packageUrl } from '../model/package-root.ts';

export const RUN_SCHEMA_FILE = packageUrl('reports/schema/run.schema.json');

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(RUN_SCHEMA_FILE, 'utf8')) as object;
    compiled = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
  }
  return compiled;
}

export function validateRun(json: unknown): { valid: boolean; errors: string[] } {
  const check = validator();
  if (check(json)) return { valid: true, errors: [] };
  const errors = (check.errors ?? []).map((e) => {
    const where = e.instancePath || '/';
    const extra =
      e.keyword === 'additionalProperties' ? ` (${String((e.params as { additionalProperty?: string }).additionalProperty)})` : '';
    return `${where} ${e.message ?? e.keyword}${extra}`;
  });
  return { valid: false, errors };
}
