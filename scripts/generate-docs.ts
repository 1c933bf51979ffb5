// `npm run docs`: regenerates the generated tables under docs/. scripts/docs.test.ts fails
// when a committed table differs from what this would write.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, projectCoverage } from '../cli/coverage-sources.ts';
import { loadCatalogue } from '../validators/catalogue/catalogue.ts';
import { renderCoverageMarkdown } from '../validators/catalogue/coverage.ts';

export interface GeneratedDoc {
  path: string;
  render(): Promise<string>;
}

export const GENERATED_DOCS: GeneratedDoc[] = [
  {
    path: 'docs/coverage.md',
    render: async () => renderCoverageMarkdown(await projectCoverage(), loadCatalogue().version),
  },
];

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  for (const doc of GENERATED_DOCS) {
    writeFileSync(join(PROJECT_ROOT, doc.path), await doc.render());
    process.stdout.write(`wrote ${doc.path}\n`);
  }
}
