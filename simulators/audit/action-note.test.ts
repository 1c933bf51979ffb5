import { afterAll, beforeAll, expect, test } from 'vitest';
import { withAuditNote } from './action-note.ts';
import { startAuditRepository, type RunningAuditRepository } from './repository.ts';

let repository: RunningAuditRepository;
beforeAll(async () => {
  repository = await startAuditRepository({ udpPort: null });
});
afterAll(() => repository.stop());

test('the ACTION text of an audited transaction names our Audit Record Repository', () => {
  expect(withAuditNote('publish a manifest by RAD-68', 'RAD-68', { audit: repository })).toBe(
    `publish a manifest by RAD-68; the SUT sends its audit message of this RAD-68 to our Audit Record Repository at tcp://127.0.0.1:${repository.port}`,
  );
});

test('the text is unchanged without a repository, or for a transaction with no audit table', () => {
  expect(withAuditNote('publish', 'RAD-68', {})).toBe('publish');
  expect(withAuditNote('send the report', 'ORU^R01', { audit: repository })).toBe('send the report');
});
