// `npm run docs`: regenerates the generated tables under docs/. scripts/docs.test.ts fails
// when a committed table differs from what this would write.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, projectCoverage } from '../cli/coverage-sources.ts';
import { loadCatalogue } from '../validators/catalogue/catalogue.ts';
import { renderCoverageMarkdown } from '../validators/catalogue/coverage.ts';
import { renderMutationsMarkdown } from '../suites/reference-sut/mutations-doc.ts';

export interface GeneratedDoc {
  path: string;
  render(): Promise<string>;
}

export const GENERATED_DOCS: GeneratedDoc[] = [
  {
    path: 'docs/coverage.md',
    render: async () => renderCoverageMarkdown(await projectCoverage(), loadCatalogue().version),
  },
  {
    // Renders the results the variant tests recorded (see suites/reference-sut/mutations.ts for
    // why it does not run the variants itself): fast, and honest because those tests fail when
    // a recorded result differs from a real run.
    path: 'docs/mutations.md',
    render: () => renderMutationsMarkdown(),
  },
];

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '\0')) {
  for (const doc of GENERATED_DOCS) {
    writeFileSync(join(PROJECT_ROOT, doc.path), await doc.render());
    process.stdout.write(`wrote ${doc.path}\n`);
  }
}
