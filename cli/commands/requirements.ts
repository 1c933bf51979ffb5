import { Option } from 'commander';
import { AREAS, LEVELS, loadCatalogue } from '../../validators/catalogue/catalogue.ts';
import { projectCoverage } from '../coverage-sources.ts';
import { UsageError } from '../errors.ts';
import type { Register } from '../program.ts';

export const registerRequirements: Register = (program, io) => {
  program
    .command('requirements')
    .description('list the requirement catalogue, filtered, or show what covers each requirement')
    .option('--area <AREA>', `only this area (${AREAS.join(', ')})`)
    .option('--actor <TEXT>', 'only requirements whose actor contains TEXT (case-insensitive)')
    .addOption(new Option('--level <LEVEL>', 'only this level').choices(LEVELS))
    .option('--coverage', 'show requirement -> rules and steps -> the broken inputs that fail it')
    .addOption(new Option('--format <FORMAT>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Examples:
  mcwg requirements --area KOS --level SHALL
  mcwg requirements --actor "WADO-RS Source" --format json
  mcwg requirements --coverage --area KIN`,
    )
    .action(async (opts: { area?: string; actor?: string; level?: string; coverage?: boolean; format: string }) => {
      const catalogue = loadCatalogue();
      if (opts.area && !(AREAS as readonly string[]).includes(opts.area.toUpperCase())) {
        throw new UsageError(`--area ${opts.area}: unknown area (known: ${AREAS.join(', ')})`);
      }
      const keep = (r: { id: string; area: string; actor: string; level: string }) =>
        (!opts.area || r.area === opts.area.toUpperCase()) &&
        (!opts.actor || r.actor.toLowerCase().includes(opts.actor.toLowerCase())) &&
        (!opts.level || r.level === opts.level);
      const reqs = catalogue.requirements.filter(keep);
      if (opts.coverage) {
        const ids = new Set(reqs.map((r) => r.id));
        const rows = (await projectCoverage()).filter((r) => ids.has(r.id));
        if (opts.format === 'json') return io.out(`${JSON.stringify({ catalogue: catalogue.version, coverage: rows }, null, 2)}\n`);
        for (const r of rows) {
          io.out(`${r.id} ${r.level} ${r.title}\n`);
          io.out(`  rules and steps: ${r.rules.join(', ') || 'none'}\n`);
          io.out(
            `  failed by: ${r.failedBy.join(', ') || 'none'}\n  covered: ${r.covered ? 'yes' : `no${r.notCovered ? ` (${r.notCovered})` : ''}`}\n`,
          );
        }
        return;
      }
      if (opts.format === 'json') {
        io.out(`${JSON.stringify({ catalogue: catalogue.version, requirements: reqs.map(({ area: _a, ...r }) => r) }, null, 2)}\n`);
        return;
      }
      for (const r of reqs) io.out(`${r.id}  ${r.level.padEnd(6)}  ${r.title}  [${r.actor}]\n`);
      io.err(`${reqs.length} of ${catalogue.requirements.length} requirements (catalogue ${catalogue.version})\n`);
    });
};
