// Second opinion: dciodvfy (dicom3tools) on the conformant fixtures and on every broken case.
// Writes docs/dciodvfy-agreement.md: per case, our errors, dciodvfy's errors, and agree or why not.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { conformantKin, conformantManifest, toBytes } from '../../fixtures/builders/kos-fixtures.ts';
import { caseFiles, KOS_CASES, type KosCase } from '../../fixtures/kos/cases.ts';
import { peerAvailable } from '../../fixtures/peers.ts';
import { IOD, KIN_MANIFEST, KIN_NOTE, MCWG, XDS_I } from './rule-sets.ts';
import { validateKosSet } from './validate.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPT = join(ROOT, 'scripts/dciodvfy-check.sh');
const DOC = join(ROOT, 'docs/dciodvfy-agreement.md');

interface Opinion {
  errors: string[];
  warnings: string[];
}

function dciodvfy(file: string, kin: boolean): Opinion {
  let out: string;
  try {
    out = execFileSync('bash', [SCRIPT, ...(kin ? ['--no-profile'] : []), file], { encoding: 'utf8' });
  } catch (err) {
    out = (err as { stdout: string }).stdout;
  }
  const lines = out.split('\n');
  const pick = (re: RegExp) => [...new Set(lines.filter((l) => re.test(l)).map((l) => l.replace(/^\w+\t/, '')))];
  return { errors: pick(/^(Error|Abort)\t/), warnings: pick(/^Warning\t/) };
}

// Why dciodvfy stays silent where we flag: the checks it does not make, by rule.
const PROFILE_OF = new Map<string, string>([
  ...XDS_I.map((r) => [r.id, 'xds-i'] as const),
  ...MCWG.map((r) => [r.id, 'mcwg'] as const),
  ...KIN_MANIFEST.map((r) => [r.id, 'kin'] as const),
  ...KIN_NOTE.map((r) => [r.id, 'kin'] as const),
  ...IOD.map((r) => [r.id, 'iod'] as const),
]);
const IOD_REASONS: Record<string, string> = {
  'kos.part10.structure':
    'dciodvfy reads a bare data set (no preamble, no meta header) without an error; XDS-I.b requires a Part 10 file (KOS-002)',
  'kos.series.own': 'dciodvfy sees one file and does not compare the KOS series with the referenced series',
  'kos.content.root-container': 'dciodvfy does not check the Continuity Of Content enumerated value of the root',
  'kos.title.cid7010': 'dciodvfy does not check the title against CID 7010',
  'kos.content.template': 'dciodvfy does not check the template identifier value',
  'kos.content.references': 'dciodvfy does not check the relationship types of TID 2010',
  'kos.evidence.matches-content': 'dciodvfy does not compare the evidence with the content tree',
  'kos.evidence.one-study': 'dciodvfy does not compare the evidence study with the header study',
  'kos.evidence.series': 'dciodvfy does not look for duplicate series in the evidence',
  'kos.content.unique-references': 'dciodvfy does not look for instances referenced twice',
  'kos.iod.value-encoding': 'dciodvfy does not check the ranges inside TM values (hour 25)',
  'kin.tid2010': 'run with --no-profile on a KIN, dciodvfy does not check Continuity Of Content',
};
function silentReason(ruleId: string): string {
  const profile = PROFILE_OF.get(ruleId);
  if (profile === 'mcwg') return 'MCWG extension: outside the DICOM IOD and the IHE XDS-I.b profile dciodvfy knows';
  if (profile === 'xds-i') return 'XDS-I.b/MCWG manifest rule: dciodvfy checks presence of the retrieve attributes, not their values';
  if (profile === 'kin')
    return 'significant-image rule: a cross-reference dciodvfy does not know (or needs the KIN file beside the manifest)';
  return IOD_REASONS[ruleId] ?? '';
}

interface Row {
  c: KosCase;
  ours: string[];
  theirs: Opinion;
  agree: string;
}

const dir = mkdtempSync(join(tmpdir(), 'mcwg-dciodvfy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!peerAvailable('dciodvfy'))('dciodvfy agreement', () => {
  const rows: Row[] = [];
  const manifestFile = join(dir, 'conformant-manifest.dcm');
  const kinFile = join(dir, 'conformant-kin.dcm');
  writeFileSync(manifestFile, toBytes(conformantManifest()));
  writeFileSync(kinFile, toBytes(conformantKin()));

  test('the conformant manifest and KIN give no dciodvfy error', () => {
    expect(dciodvfy(manifestFile, false).errors).toEqual([]);
    expect(dciodvfy(kinFile, true).errors).toEqual([]);
  });

  test('every dciodvfy error on a broken case is one we report too, and each silence is explained', () => {
    for (const c of KOS_CASES) {
      const { manifest, kin } = caseFiles(c);
      const isKin = c.target === 'kin';
      const file = join(dir, `${c.name}.dcm`);
      writeFileSync(file, isKin ? kin : manifest);
      const inputs = [{ artefact: 'manifest.dcm', bytes: manifest }, ...(c.pair || isKin ? [{ artefact: 'kin.dcm', bytes: kin }] : [])];
      const findings = validateKosSet(inputs, c.locations ? { locations: c.locations } : {}).find(
        (r) => r.artefact === (isKin ? 'kin.dcm' : 'manifest.dcm'),
      )!.findings;
      const ours = findings.filter((f) => f.severity === 'error').map((f) => `${f.ruleId} at ${f.location.path}`);
      const theirs = dciodvfy(file, isKin);
      let agree: string;
      if (ours.length > 0 === theirs.errors.length > 0) agree = 'yes';
      else if (ours.length === 0) agree = c.severity === 'warning' ? 'yes (ours is a warning, by design)' : 'NO: dciodvfy error we miss';
      else agree = `ours only: ${silentReason(c.ruleId)}`;
      rows.push({ c, ours, theirs, agree });
    }
    writeFileSync(DOC, render(rows, dciodvfy(manifestFile, false), dciodvfy(kinFile, true)));
    expect(rows.filter((r) => r.agree.startsWith('NO')).map((r) => r.c.name)).toEqual([]);
    expect(rows.filter((r) => r.agree === 'ours only: ').map((r) => r.c.name)).toEqual([]);
  });
});

function cell(xs: string[]): string {
  if (xs.length === 0) return 'none';
  return xs.map((x) => x.replace(/\|/g, '\\|').replace(/[<>]/g, (m) => (m === '<' ? '&lt;' : '&gt;'))).join('<br>');
}

function render(rows: Row[], manifest: Opinion, kin: Opinion): string {
  const agree = rows.filter((r) => r.agree.startsWith('yes')).length;
  return `# dciodvfy agreement (generated, do not edit)

Generated by \`validators/kos/dciodvfy.int.test.ts\` (\`npx vitest run validators/kos/dciodvfy.int.test.ts\`)
from the conformant fixtures and the one-change cases of \`fixtures/kos/cases.ts\`. dciodvfy runs
through \`scripts/dciodvfy-check.sh\`: manifests with \`-profile IHEXDSIManifest\`, key-image notes
without a profile.

## Conformant fixtures

- Manifest: dciodvfy errors: ${manifest.errors.length}; warnings: ${manifest.warnings.length}.
- KIN: dciodvfy errors: ${kin.errors.length}; warnings: ${kin.warnings.length}.

The manifest's warnings are expected and explained: the MCWG extension attributes in the
Referenced Series and Referenced SOP items (Retrieve URL, Series Description/Date/Time,
Modality, Series and Instance Number, Related Series Sequence, the description copy in
Content Sequence) are not in the standard IOD, so dciodvfy reports them as "not present in
standard DICOM IOD" and the file as a Standard Extended SOP Class. Retrieve URL (0008,1190)
is the known one: MCWG makes it type 1 with the full series URL, DICOM and IHE RAD MADO keep
it optional. Retrieve AE Title (0008,0054) is in the fixtures only because dciodvfy's
IHEXDSIManifest profile makes it type 1; MCWG ignores it (KOS-024), so we do not require it.
Its Retrieve Location UID uses a 2.25 UID: dciodvfy rejects the 2.999 example arc in UI values.

${[...new Set(manifest.warnings)].map((w) => `- ${w}`).join('\n')}

## Broken cases

${agree} of ${rows.length} cases agree (both flag, or both accept); no case has a dciodvfy error
that we miss. "ours only" rows are checks dciodvfy does not make, with the reason.

| case | rule | our errors | dciodvfy errors | agree |
|---|---|---|---|---|
${rows.map((r) => `| ${r.c.name} | ${r.c.ruleId} | ${cell(r.ours)} | ${cell(r.theirs.errors)} | ${r.agree} |`).join('\n')}
`;
}
