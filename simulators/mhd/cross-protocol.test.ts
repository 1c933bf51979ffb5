import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { openStore } from '../store/open-store.ts';
import { crossProtocolSuite } from './cross-protocol.test-kit.ts';

crossProtocolSuite('SQLite', () => openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'mcwg-mhd-')), 'store.sqlite')}`), {
  submission: () => conformantSubmission(),
  patientId: FIXTURE.patientId,
  studyUid: FIXTURE.studyUid,
});
