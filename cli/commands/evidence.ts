import { existsSync } from 'node:fs';
import { verifyEvidence } from '../../reports/evidence/verify.ts';
import { EXIT, UsageError } from '../errors.ts';
import type { Register } from '../program.ts';

export const registerEvidence: Register = (program, io, setExit) => {
  const evidence = program.command('evidence').description('work with the evidence bundle a run wrote');
  evidence
    .command('verify')
    .description('re-check every SHA-256 of an evidence bundle and recompute the verdict offline')
    .argument('<DIR>', 'the --out folder of a run, or its evidence/ folder')
    .addHelpText(
      'after',
      `
Exit codes: 0 every hash matches and the recomputed verdict equals the stored one; 1 otherwise,
with each mismatch named; 2 when DIR is not an evidence bundle.

Example:
  mcwg evidence verify out/`,
    )
    .action(async (dir: string) => {
      if (!existsSync(dir)) throw new UsageError(`${dir}: no such folder`);
      const res = await verifyEvidence(dir);
      if (res.mismatches.some((m) => m.startsWith('manifest.json: unreadable')))
        throw new UsageError(`${dir}: not an evidence bundle (${res.mismatches[0]})`);
      for (const m of res.mismatches) io.out(`mismatch: ${m}\n`);
      io.out(
        res.ok
          ? `ok: ${res.evidenceDir} verified; recomputed verdict ${res.state ?? '?'} equals the stored one\n`
          : `${res.mismatches.length} mismatch(es) in ${res.evidenceDir}\n`,
      );
      setExit(res.ok ? EXIT.ok : EXIT.failures);
    });
};
