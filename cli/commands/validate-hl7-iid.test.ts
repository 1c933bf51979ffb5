// `mcwg validate hl7 --iid-links`: the IID link rules run beside the message rules.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { IID_BASE, oruWithIidLinks } from '../../fixtures/builders/iid-reports.ts';
import { HL7_IDS } from '../../fixtures/builders/hl7-ids.ts';
import type { Io } from '../io.ts';
import { runCli } from '../program.ts';

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    isTty: false,
    debug: false,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

const dir = mkdtempSync(join(tmpdir(), 'mcwg-iid-'));
const file = (name: string, data: string) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};

describe('mcwg validate hl7 --iid-links', () => {
  test('exits 0 for a report with a conformant link and 1 for a link without IHEInvokeImageDisplay, naming OBX and IID-002', async () => {
    const ok = file('ok.hl7', oruWithIidLinks());
    const bad = file('bad.hl7', oruWithIidLinks({ links: [`${IID_BASE}/viewer?requestType=STUDY&studyUID=${HL7_IDS.studyUid}`] }));
    const io = capture();
    expect(await runCli(['validate', 'hl7', '--iid-links', ok], io)).toBe(0);
    const io2 = capture();
    expect(await runCli(['validate', 'hl7', '--iid-links', '--format', 'json', bad], io2)).toBe(1);
    const out = JSON.parse(io2.stdout) as { files: { findings: { ruleId: string; reqIds: string[]; location: { path: string } }[] }[] };
    expect(out.files[0]!.findings.map((f) => [f.ruleId, f.reqIds, f.location.path])).toEqual([
      ['iid.url.shape', ['IID-002'], 'OBX[2]-5.1'],
    ]);
  });
  test('without the option the same report passes: links are checked only when asked', async () => {
    const bad = file('bad2.hl7', oruWithIidLinks({ links: [] }));
    expect(await runCli(['validate', 'hl7', bad], capture())).toBe(0);
    expect(await runCli(['validate', 'hl7', '--iid-links', bad], capture())).toBe(1);
  });
});
