import { describe, expect, test } from 'vitest';
import type { RunModel } from '../model/run.ts';
import { renderJson } from './json.ts';
import { sampleRun } from './sample-run.ts';
import { validateRun } from './validate-run.ts';

/** The same run as produced by another, slower execution, assembled in another order. */
function rerun(): RunModel {
  const run = sampleRun();
  run.startedAt = '2027-05-06T07:08:09.000Z';
  run.endedAt = '2027-05-06T07:09:00.000Z';
  run.durationMs = 51_000;
  run.requirements.reverse();
  for (const t of run.tests) {
    t.durationMs += 777;
    t.findings.reverse();
    t.reqIds.reverse();
    for (const s of t.steps) s.durationMs += 3;
  }
  // Same content, keys inserted in another order.
  run.sut = { roles: run.sut.roles, name: run.sut.name, ...(run.sut.profile ? { profile: run.sut.profile } : {}) };
  return run;
}

function maskTimes(text: string): string {
  return text.replace(/"(startedAt|endedAt)": "[^"]*"/g, '"$1": "<t>"').replace(/"durationMs": \d+(\.\d+)?/g, '"durationMs": 0');
}

describe('renderJson', () => {
  test('gives identical output for two runs that differ only in timestamps, durations and order', () => {
    const a = renderJson(sampleRun());
    const b = renderJson(rerun());
    expect(a).not.toEqual(b);
    expect(maskTimes(a)).toEqual(maskTimes(b));
  });

  test('writes 2-space indented JSON with a trailing newline, schemaVersion first', () => {
    const text = renderJson(sampleRun());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.startsWith('{\n  "schemaVersion": "1",\n  "tool": {')).toBe(true);
  });

  test('sorts findings by severity then location, and requirements by ID', () => {
    const parsed = JSON.parse(renderJson(rerun())) as RunModel;
    const t = parsed.tests.find((x) => x.id === 'kos.retrieve-url');
    expect(t?.findings.map((f) => f.severity)).toEqual(['error', 'warning']);
    expect(t?.findings[1]?.reqIds).toEqual(['KOS-014', 'KOS-022']);
    expect(parsed.requirements.map((r) => r.id)).toEqual(['KOS-010', 'KOS-014', 'KOS-022', 'RIS-001', 'WADO-001', 'WADO-002', 'XDS-001']);
  });

  test('round-trips to a run that passes the schema', () => {
    expect(validateRun(JSON.parse(renderJson(sampleRun())))).toEqual({ valid: true, errors: [] });
  });
});
