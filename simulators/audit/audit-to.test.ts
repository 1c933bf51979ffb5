// --audit-to: our XDS and WADO-RS simulators audit each transaction they serve to an Audit
// Record Repository (ours here); each audit validates clean and matches the exchange it records.
import { mkdtempSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { conformantSubmission, FIXTURE } from '../../fixtures/builders/ebrim-submission.ts';
import { buildStudy } from '../../fixtures/builders/study.ts';
import type { Exchange } from '../../model/exchange.ts';
import { DE, externalIdOf, STATUS } from '../../protocols/ebrim/index.ts';
import { matchAudit } from '../../validators/audit/index.ts';
import { withFreshIds } from '../clients/fresh-ids.ts';
import { param, retrieveDocuments, storedQuery } from '../clients/xds-consumer.ts';
import { provideAndRegister } from '../clients/xds-source.ts';
import { openStore } from '../store/open-store.ts';
import { startWadoRs, type WadoRsSimulator } from '../wado-rs/index.ts';
import { wadoAuditHook } from '../wado-rs/audit.ts';
import { xdsAuditHook } from '../xds/audit.ts';
import { xdsConfig } from '../xds/config.ts';
import { startXds, type XdsSimulator } from '../xds/server.ts';
import { QUERY } from '../xds/stored-query.ts';
import { factsOfExchange } from './facts.ts';
import { startAuditRepository, type RunningAuditRepository } from './repository.ts';
import { auditSender, parseAuditTo } from './sender.ts';

let repo: RunningAuditRepository;
beforeAll(async () => void (repo = await startAuditRepository({})));
afterAll(() => repo.stop());

const errorsOf = (r: { findings: { severity: string; ruleId: string }[] }) => r.findings.filter((f) => f.severity === 'error');

describe('--audit-to', () => {
  test('parses tls/tcp/udp URLs and refuses anything else', () => {
    expect(parseAuditTo('tls://audit.example:6514')).toEqual({ transport: 'tls', host: 'audit.example', port: 6514 });
    expect(parseAuditTo('udp://[::1]:514')).toEqual({ transport: 'udp', host: '::1', port: 514 });
    for (const bad of ['http://x:1', 'tcp://x', 'tcp://x:0', 'tcp://x:70000', 'x:514'])
      expect(() => parseAuditTo(bad)).toThrow(/--audit-to/);
    expect(() => auditSender('tls://x:6514')).toThrow(/TLS client options/);
  });

  describe('the XDS simulator audits ITI-41/RAD-68, ITI-18 and ITI-43', () => {
    let xds: XdsSimulator;
    const client: Exchange[] = [];
    beforeAll(async () => {
      const store = await openStore(`sqlite:${join(mkdtempSync(join(tmpdir(), 'mcwg-audit-xds-')), 'xds.sqlite')}`);
      const sender = auditSender(`udp://127.0.0.1:${repo.udpPort}`);
      xds = await startXds({ store, config: xdsConfig({ knownPatients: new Set([FIXTURE.patientId]) }), onExchange: xdsAuditHook(sender) });
    });
    afterAll(() => xds.stop());

    test('one valid audit per transaction, each matching the exchange it records', async () => {
      const t = Date.now();
      const req = withFreshIds(conformantSubmission(), `2.25.${Date.now()}`);
      const p = await provideAndRegister(`${xds.url}/xds/repository`, req, (e) => client.push(e));
      expect(p.response?.status).toBe(STATUS.success);
      await storedQuery(
        `${xds.url}/xds/registry`,
        QUERY.FindDocuments,
        [
          { name: '$XDSDocumentEntryPatientId', values: [`'${FIXTURE.patientId}'`], path: '' },
          param('$XDSDocumentEntryStatus', 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved'),
        ],
        (e) => client.push(e),
      );
      const uid = externalIdOf(req.objects.documentEntries[0]!, DE.uniqueId)!.value;
      const r = await retrieveDocuments(
        `${xds.url}/xds/repository`,
        [{ documentUniqueId: uid, repositoryUniqueId: xdsConfig({}).repositoryUniqueId }],
        (e) => client.push(e),
      );
      expect(r.documents).toHaveLength(1);
      // Audited as the simulator classified each request (a KOS submission is RAD-68).
      for (const ex of xds.exchanges()) {
        const facts = factsOfExchange(ex)!;
        expect(facts.transaction).toMatch(/^(RAD-68|ITI-18|ITI-43)$/);
        const audit = await repo.waitFor({ since: t, timeoutMs: 5000, match: (a) => a.audited === ex.transaction });
        expect(audit, ex.transaction).toBeDefined();
        expect(errorsOf(audit!)).toEqual([]);
        expect(matchAudit(audit!.view!, facts)).toEqual({ matches: true, mismatches: [] });
      }
      expect(xds.exchanges().map((e) => e.transaction)).toEqual(['RAD-68', 'ITI-18', 'ITI-43']);
      expect(client).toHaveLength(3);
    });
  });

  describe('the WADO-RS simulator audits RAD-107 with the study and its patient', () => {
    let wado: WadoRsSimulator;
    let studyUid = '';
    beforeAll(async () => {
      const dir = await mkdtemp(join(tmpdir(), 'mcwg-audit-wado-'));
      studyUid = (await buildStudy(dir, { instances: 2, series: 1, rows: 16, columns: 16, seed: 'audit' })).study.studyInstanceUid;
      const sender = auditSender(`tcp://127.0.0.1:${repo.port}`);
      let hook: ((e: Exchange) => void) | undefined;
      wado = await startWadoRs({ dataDir: dir, onExchange: (e) => hook?.(e) });
      hook = wadoAuditHook(sender, wado.store);
    });
    afterAll(() => wado.stop());

    test('a retrieve of the study gives a DICOM Instances Transferred audit naming patient and study', async () => {
      const t = Date.now();
      const res = await fetch(`${wado.base}/studies/${studyUid}`, { headers: { accept: 'multipart/related; type="application/dicom"' } });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      const audit = await repo.waitFor({ since: t, timeoutMs: 5000, match: (a) => a.audited === 'RAD-107' });
      expect(audit).toBeDefined();
      expect(errorsOf(audit!)).toEqual([]);
      expect(audit!.view!.event?.id?.code).toBe('110104');
      const patient = wado.store.studies.get(studyUid)!.patientId!;
      expect(
        matchAudit(audit!.view!, { transaction: 'RAD-107', at: new Date().toISOString(), patientId: patient, studyUids: [studyUid] })
          .matches,
      ).toBe(true);
    });
  });
});
