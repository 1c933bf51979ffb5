// Crash safety (XDS-009) of a commit on the SQLite writer thread: SIGKILL `mcwg simulate xds`
// while a 990-document ITI-41 is being committed (its transaction, open on the writer thread's
// connection, is already spilling pages into the WAL): after a restart the submission is there
// whole or not at all, and an earlier acknowledged one is intact.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, test } from 'vitest';
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { STATUS } from '../../protocols/ebrim/index.ts';
import { withFreshIds } from '../clients/fresh-ids.ts';
import { provideAndRegister, provideCall } from '../clients/xds-source.ts';
import { encodeSoapRequest } from '../clients/xds-soap.ts';
import { approvedEntries, largeSubmission, LOAD_PATIENT } from './large-submission.test-kit.ts';
import { spawnXds, type XdsProcess } from './spawn-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'mcwg-kill-writer-'));
const args = ['--port', '0', '--data', dir, '--accept-any-patient'];
const none = () => undefined;
let running: XdsProcess | undefined;
afterAll(async () => {
  running?.child.kill('SIGTERM');
  await running?.exited;
  rmSync(dir, { recursive: true, force: true });
});

const walSize = () => {
  try {
    return statSync(join(dir, 'xds.sqlite-wal')).size;
  } catch {
    return 0;
  }
};

describe('SIGKILL during a commit on the writer thread', () => {
  test('the big submission survives whole or not at all; the acknowledged one before it survives', async () => {
    const first = await spawnXds(args);
    running = first;
    const small = await provideAndRegister(first.repository, withFreshIds(conformantSubmission(2), '2.25.4109'), none);
    expect(small.response?.status).toBe(STATUS.success);
    const big = await encodeSoapRequest(provideCall(first.repository, largeSubmission(990, '2.25.4110')));
    const before = walSize();
    let acked = false;
    const answer = fetch(first.repository, { method: 'POST', headers: { 'content-type': big.contentType }, body: new Uint8Array(big.body) })
      .then(async (r) => (acked = (await r.text()).includes(`status="${STATUS.success}"`)))
      .catch(() => false);
    // The body is ~6 MB of text; once the WAL has grown by 1 MB the transaction is being written.
    while (!acked && walSize() < before + 1_000_000) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    await answer;

    const second = await spawnXds(args);
    running = second;
    expect(await approvedEntries(second.registry, FIXTURE.patientId)).toBe(2);
    const stored = await approvedEntries(second.registry, LOAD_PATIENT);
    console.log(`killed ${acked ? 'after' : 'before'} the acknowledgement: ${stored} of 990 entries after restart`);
    expect(acked ? [990] : [0, 990]).toContain(stored);
    second.child.kill('SIGTERM');
    await second.exited;
    running = undefined;
    const db = new Database(join(dir, 'xds.sqlite'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const docs = (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
    expect(docs).toBe(2 + stored);
    db.close();
  }, 120_000);
});
