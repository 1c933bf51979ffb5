// Every profile template shows the `audit:` section commented out; uncommented as it stands, it
// loads clean and sets the time limit the SEC-003 wait uses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { packagePath } from '../../model/package-root.ts';
import { parseSutProfile } from './profile.ts';

const DIR = packagePath('suites/profiles/templates');

test.each(readdirSync(DIR).filter((f) => f.endsWith('.yaml')))('%s carries a commented audit example that loads', (file) => {
  const text = readFileSync(join(DIR, file), 'utf8');
  const block = text.slice(text.indexOf('# audit:'));
  expect(block.startsWith('# audit:')).toBe(true);
  const uncommented = block
    .split('\n')
    .filter((l) => /^# {0,3}\S/.test(l) && (l.startsWith('# audit:') || l.startsWith('#   ')))
    .map((l) => l.slice(2))
    .join('\n');
  const p = parseSutProfile(`${text}\n${uncommented}\n`, join(DIR, file));
  expect(p.audit).toMatchObject({ timeLimitSeconds: 30, port: 6514, server: { cert: 'pki/audit.crt.pem', key: 'pki/audit.key.pem' } });
});
