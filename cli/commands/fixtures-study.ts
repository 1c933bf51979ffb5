// `mcwg fixtures study OUTDIR`: a synthetic CT study plus study.json (make-study.sh shape).
import { buildStudy } from '../../fixtures/builders/study.ts';
import { UsageError } from '../errors.ts';
import type { RegisterFixture } from './fixtures.ts';

function positive(name: string, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${name} ${v}: expected an integer from 1 to ${max}`);
    return n;
  };
}

export const registerFixturesStudy: RegisterFixture = (fixtures, io) => {
  fixtures
    .command('study')
    .description('write a synthetic CT study (Part 10, Explicit VR LE, real pixel data) and study.json')
    .argument('<OUTDIR>', 'folder to write (created when missing)')
    .requiredOption('--instances <N>', 'number of instances', positive('--instances', 1_000_000))
    .option('--series <M>', 'number of series', positive('--series', 10_000), 1)
    .option('--rows <R>', 'image rows', positive('--rows', 8192), 512)
    .option('--columns <C>', 'image columns', positive('--columns', 8192), 512)
    .option('--seed <S>', 'seed for the UIDs: same seed, same study', 'mcwg')
    .addHelpText(
      'after',
      `
Examples:
  mcwg fixtures study out/study --instances 200 --series 2
  mcwg fixtures study out/big --instances 4000 --rows 512 --columns 512 --seed demo`,
    )
    .action(async (outDir: string, o: { instances: number; series: number; rows: number; columns: number; seed: string }) => {
      const t0 = Date.now();
      const res = await buildStudy(outDir, {
        instances: o.instances,
        series: o.series,
        rows: o.rows,
        columns: o.columns,
        seed: o.seed,
        ...(io.isTty ? { onInstance: (k: number, n: number) => k % 50 === 0 && io.err(`\r${k}/${n}`) } : {}),
      });
      if (io.isTty) io.err('\r');
      io.out(`${outDir}/study.json\n`);
      io.err(
        `study ${res.study.studyInstanceUid}: ${res.files} instances in ${res.study.series.length} series, ` +
          `${(res.bytes / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`,
      );
    });
};
