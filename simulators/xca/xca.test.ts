// XCA / XCA-I cores: the responding gateway stamps its homeCommunityId and refuses other
// communities; the initiating gateway merges communities into Success / PartialSuccess /
// Failure with one XDSUnavailableCommunity per failed or late community.
import { describe, expect, test } from 'vitest';
import { conformantDocumentEntry, conformantSubmissionSet } from '../../fixtures/builders/ebrim-submission.ts';
import {
  readEbrimXml,
  STATUS,
  writeAdhocQueryResponse,
  type AdhocQueryRequest,
  type AdhocQueryResponse,
} from '../../protocols/ebrim/index.ts';
import type { DocRequest } from '../xds/retrieve.ts';
import { QUERY } from '../xds/stored-query.ts';
import { XdsFailure, xdsError } from '../xds/errors.ts';
import { emptyObjectList, objectsWithoutHome } from './home.ts';
import { federatedQuery, federatedRetrieve, type RespondingGatewayCaller } from './initiating.ts';
import { cachedLocator, patientMemory } from './location-cache.ts';
import { PatientXref } from './patient-xref.ts';
import { crossGatewayQuery, crossGatewayRetrieve, type CommunityBackend, type RetrieveAnswer } from './responding.ts';

const A = 'urn:oid:1.3.6.1.4.1.21367.13.70.1';
const B = 'urn:oid:1.3.6.1.4.1.21367.13.70.2';
const C = 'urn:oid:1.3.6.1.4.1.21367.13.70.3';
const NATIONAL = '1234567890123^^^&1.2.250.1.213.1.4.8&ISO';

function findDocuments(patient = NATIONAL, home?: string): AdhocQueryRequest {
  return {
    kind: 'AdhocQueryRequest',
    queryId: QUERY.FindDocuments,
    returnType: 'LeafClass',
    path: '',
    parameters: [
      { name: '$XDSDocumentEntryPatientId', values: [`'${patient}'`], path: '' },
      { name: '$XDSDocumentEntryStatus', values: ["('urn:oasis:names:tc:ebxml-regrep:StatusType:Approved')"], path: '' },
    ],
    ...(home === undefined ? {} : { home }),
  };
}

function found(id = 'Document01', status: string = STATUS.success): AdhocQueryResponse {
  const objects = emptyObjectList();
  objects.documentEntries.push(conformantDocumentEntry(id));
  objects.submissionSets.push(conformantSubmissionSet());
  objects.objectRefs.push({ id: 'urn:uuid:7d5d6f2c-0000-4000-8000-000000000001', path: '' });
  return { kind: 'AdhocQueryResponse', status, objects, errors: [], path: '' };
}

const doc = (uid: string, home?: string): DocRequest => ({
  repositoryUniqueId: '1.2.3',
  documentUniqueId: uid,
  ...(home ? { homeCommunityId: home } : {}),
});

function backend(over: Partial<CommunityBackend> = {}): CommunityBackend {
  return {
    homeCommunityId: A,
    query: async () => found(),
    retrieve: async (reqs) => ({
      status: STATUS.success,
      errors: [],
      documents: reqs.map((r) => ({ ...r, mimeType: 'application/dicom', path: '' })),
    }),
    ...over,
  };
}

describe('responding gateway (ITI-38, ITI-39, RAD-75)', () => {
  test('stamps home on every ExtrinsicObject, RegistryPackage and ObjectRef, also after a write and read back (XDS-027)', async () => {
    const r = await crossGatewayQuery(findDocuments(), backend());
    expect(r.status).toBe(STATUS.success);
    expect(objectsWithoutHome(r.objects)).toEqual([]);
    const back = readEbrimXml(writeAdhocQueryResponse(r));
    expect(back.ok && back.message.kind === 'AdhocQueryResponse' && objectsWithoutHome(back.message.objects)).toEqual([]);
    expect(back.ok && back.message.kind === 'AdhocQueryResponse' && back.message.objects.documentEntries[0]!.home).toBe(A);
  });
  test('the check finds an object the local registry returned without home', () => {
    expect(objectsWithoutHome(found().objects).map((o) => o.id)).toEqual([
      'Document01',
      'SubmissionSet01',
      'urn:uuid:7d5d6f2c-0000-4000-8000-000000000001',
    ]);
  });
  test('answers XDSUnknownCommunity for a query addressed to another community', async () => {
    const r = await crossGatewayQuery(findDocuments(NATIONAL, B), backend());
    expect([r.status, r.errors.map((e) => [e.errorCode, e.location])]).toEqual([STATUS.failure, [['XDSUnknownCommunity', B]]]);
  });
  test('answers XDSMissingHomeCommunityId for a GetDocuments without home', async () => {
    const r = await crossGatewayQuery({ ...findDocuments(), queryId: QUERY.GetDocuments }, backend());
    expect(r.errors.map((e) => e.errorCode)).toEqual(['XDSMissingHomeCommunityId']);
  });
  test('passes the registry’s own query errors through; a crash becomes XDSRegistryError', async () => {
    const bad = await crossGatewayQuery(
      findDocuments(),
      backend({
        query: async () => {
          throw new XdsFailure([xdsError('XDSStoredQueryMissingParam', 'no status')]);
        },
      }),
    );
    expect(bad.errors.map((e) => e.errorCode)).toEqual(['XDSStoredQueryMissingParam']);
    const crash = await crossGatewayQuery(
      findDocuments(),
      backend({
        query: async () => {
          throw new Error('disk full');
        },
      }),
    );
    expect([crash.status, crash.errors.map((e) => [e.errorCode, e.location])]).toEqual([STATUS.failure, [['XDSRegistryError', A]]]);
  });
  test('retrieve (ITI-39, and RAD-75 through the same core) stamps HomeCommunityId on each document (XDS-028, XDS-029) and sorts out foreign and missing homes', async () => {
    const r = await crossGatewayRetrieve([doc('1.1', A), doc('1.2', B), doc('1.3')], backend());
    expect(r.documents.map((d) => [d.documentUniqueId, d.homeCommunityId])).toEqual([['1.1', A]]);
    expect([r.status, r.errors.map((e) => [e.errorCode, e.location])]).toEqual([
      STATUS.partialSuccess,
      [
        ['XDSUnknownCommunity', B],
        ['XDSMissingHomeCommunityId', '1.3'],
      ],
    ]);
  });
  test('retrieve of nothing of ours is a Failure', async () => {
    expect((await crossGatewayRetrieve([doc('1.2', B)], backend())).status).toBe(STATUS.failure);
  });
});

/** A scripted clock: each community's deadline resolves only when the test says so. */
function manualClock() {
  const pending: (() => void)[] = [];
  return {
    after: (_ms: number, signal: AbortSignal) =>
      new Promise<void>((res, rej) => {
        pending.push(res);
        signal.addEventListener('abort', () => rej(new Error('cancelled')));
      }),
    fire: () => pending.splice(0).forEach((f) => f()),
  };
}

function gw(
  home: string,
  query: RespondingGatewayCaller['query'],
  retrieve?: RespondingGatewayCaller['retrieve'],
): RespondingGatewayCaller {
  return {
    homeCommunityId: home,
    query,
    retrieve:
      retrieve ??
      (async (reqs) => ({
        status: STATUS.success,
        errors: [],
        documents: reqs.map((r) => ({ ...r, mimeType: 'application/dicom', path: '' })),
      })),
  };
}
const never = () => new Promise<never>(() => undefined);
const summary = (r: { status: string; errors: { errorCode: string; location?: string }[] }) => [
  r.status.split(':').pop(),
  r.errors.map((e) => [e.errorCode, e.location]),
];

describe('initiating gateway fan-out (ITI-18 -> ITI-38)', () => {
  const opts = { timeoutMs: 50 };
  test('all communities answer: Success, objects of both with their home', async () => {
    const r = await federatedQuery(findDocuments(), [gw(A, async () => found('DocA')), gw(B, async () => found('DocB'))], opts);
    expect(summary(r)).toEqual(['Success', []]);
    expect(r.objects.documentEntries.map((d) => [d.id, d.home])).toEqual([
      ['DocA', A],
      ['DocB', B],
    ]);
  });
  test('one community throws: PartialSuccess with XDSUnavailableCommunity at its home', async () => {
    const r = await federatedQuery(
      findDocuments(),
      [
        gw(A, async () => found('DocA')),
        gw(B, async () => {
          throw new Error('ECONNREFUSED');
        }),
      ],
      opts,
    );
    expect(summary(r)).toEqual(['PartialSuccess', [['XDSUnavailableCommunity', B]]]);
    expect(r.objects.documentEntries.map((d) => d.id)).toEqual(['DocA']);
  });
  test('one community is too slow: it is aborted and reported, the others stand', async () => {
    const clock = manualClock();
    let aborted = false;
    const slow = gw(C, (_q, signal) => {
      signal.addEventListener('abort', () => {
        aborted = true;
      });
      return never();
    });
    const pending = federatedQuery(findDocuments(), [gw(A, async () => found('DocA')), slow], { timeoutMs: 50, after: clock.after });
    await new Promise((r) => setImmediate(r));
    clock.fire();
    const r = await pending;
    expect(summary(r)).toEqual(['PartialSuccess', [['XDSUnavailableCommunity', C]]]);
    expect(r.errors[0]!.codeContext).toMatch(/no answer within 50 ms/);
    expect(aborted).toBe(true);
  });
  test('every community fails or times out: Failure with one error per community', async () => {
    const clock = manualClock();
    const pending = federatedQuery(
      findDocuments(),
      [
        gw(A, async () => {
          throw new Error('503');
        }),
        gw(B, () => never()),
      ],
      { timeoutMs: 50, after: clock.after },
    );
    await new Promise((r) => setImmediate(r));
    clock.fire();
    expect(summary(await pending)).toEqual([
      'Failure',
      [
        ['XDSUnavailableCommunity', A],
        ['XDSUnavailableCommunity', B],
      ],
    ]);
  });
  test('a community answering PartialSuccess makes the whole PartialSuccess, its errors kept', async () => {
    const part = found('DocB', STATUS.partialSuccess);
    part.errors.push({
      errorCode: 'XDSRegistryError',
      codeContext: 'one folder unreadable',
      severity: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error',
      path: '',
    });
    const r = await federatedQuery(findDocuments(), [gw(A, async () => found('DocA')), gw(B, async () => part)], opts);
    expect(summary(r)).toEqual(['PartialSuccess', [['XDSRegistryError', undefined]]]);
  });
  test('a community answering Failure beside a successful one gives PartialSuccess', async () => {
    const fail: AdhocQueryResponse = {
      ...found(),
      status: STATUS.failure,
      objects: emptyObjectList(),
      errors: [
        {
          errorCode: 'XDSRegistryBusy',
          codeContext: 'busy',
          severity: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error',
          location: B,
          path: '',
        },
      ],
    };
    expect(summary(await federatedQuery(findDocuments(), [gw(A, async () => found()), gw(B, async () => fail)], opts))).toEqual([
      'PartialSuccess',
      [['XDSRegistryBusy', B]],
    ]);
  });
  test('stamps home the responding gateway forgot', async () => {
    const r = await federatedQuery(findDocuments(), [gw(B, async () => found('DocB'))], opts);
    expect(objectsWithoutHome(r.objects)).toEqual([]);
  });
  test('a query addressed to an unknown community: XDSUnknownCommunity, nobody called', async () => {
    let called = 0;
    const r = await federatedQuery(
      findDocuments(NATIONAL, C),
      [
        gw(A, async () => {
          called++;
          return found();
        }),
      ],
      opts,
    );
    expect([summary(r), called]).toEqual([['Failure', [['XDSUnknownCommunity', C]]], 0]);
  });
  test('translates the national ID to each community’s local ID and skips communities without one', async () => {
    const xref = new PatientXref([
      { national: NATIONAL, homeCommunityId: A, local: 'PA-77^^^&1.3.6.1.4.1.21367.13.20.1&ISO' },
      { national: '1234567890123^^^&1.2.250.1.213.1.4.8&ISO', homeCommunityId: B, local: 'PB-12^^^&1.3.6.1.4.1.21367.13.20.2&ISO' },
    ]);
    const seen: Record<string, string[]> = {};
    const rec = (home: string) =>
      gw(home, async (q) => {
        seen[home] = q.parameters[0]!.values;
        return found();
      });
    await federatedQuery(findDocuments(), [rec(A), rec(B), rec(C)], { ...opts, xref });
    expect(seen).toEqual({ [A]: ["'PA-77^^^&1.3.6.1.4.1.21367.13.20.1&ISO'"], [B]: ["'PB-12^^^&1.3.6.1.4.1.21367.13.20.2&ISO'"] });
  });
});

describe('patient location caching (XDS-030)', () => {
  test('without XCPD: the next query for the patient skips the communities that had nothing, keeps the failed ones, until expiry', async () => {
    let t = 0;
    const memory = patientMemory({ ttlMs: 1000, now: () => t });
    const asked: string[] = [];
    const empty = (): AdhocQueryResponse => ({
      kind: 'AdhocQueryResponse',
      status: STATUS.success,
      objects: emptyObjectList(),
      errors: [],
      path: '',
    });
    const gws = [
      gw(A, async () => (asked.push(A), found())),
      gw(B, async () => (asked.push(B), empty())),
      gw(C, async () => {
        asked.push(C);
        throw new Error('ECONNREFUSED');
      }),
    ];
    await federatedQuery(findDocuments(), gws, { timeoutMs: 50, memory });
    await federatedQuery(findDocuments(), gws, { timeoutMs: 50, memory });
    expect(asked.splice(0)).toEqual([A, B, C, A, C]);
    // Another patient is not affected; a query addressed by home neither reads nor teaches.
    await federatedQuery(findDocuments('OTHER^^^&1.2.3&ISO'), gws, { timeoutMs: 50, memory });
    await federatedQuery(findDocuments(NATIONAL, B), gws, { timeoutMs: 50, memory });
    expect(asked.splice(0)).toEqual([A, B, C, B]);
    t = 1001;
    await federatedQuery(findDocuments(), gws, { timeoutMs: 50, memory });
    expect(asked).toEqual([A, B, C]);
  });

  test('discovers once per patient, asks only the communities found, rediscovers after expiry', async () => {
    let t = 0;
    const discovered: string[] = [];
    const loc = cachedLocator(
      async (id) => {
        discovered.push(id);
        return [B];
      },
      { ttlMs: 1000, now: () => t },
    );
    const asked: string[] = [];
    const rec = (home: string) =>
      gw(home, async () => {
        asked.push(home);
        return found();
      });
    const gws = [rec(A), rec(B)];
    await federatedQuery(findDocuments(), gws, { timeoutMs: 50, locate: loc.locate });
    await federatedQuery(findDocuments(), gws, { timeoutMs: 50, locate: loc.locate });
    expect([loc.discoveries(), asked]).toEqual([1, [B, B]]);
    t = 5000;
    await federatedQuery(findDocuments(), gws, { timeoutMs: 50, locate: loc.locate });
    expect(discovered).toEqual([NATIONAL, NATIONAL]);
  });
  test('a failed discovery asks every community instead of failing the query', async () => {
    const asked: string[] = [];
    const rec = (home: string) =>
      gw(home, async () => {
        asked.push(home);
        return found();
      });
    const r = await federatedQuery(findDocuments(), [rec(A), rec(B)], {
      timeoutMs: 50,
      locate: async () => {
        throw new Error('XCPD down');
      },
    });
    expect([summary(r), asked]).toEqual([
      ['Success', []],
      [A, B],
    ]);
  });
  test('a failed discovery is not cached', async () => {
    let n = 0;
    const loc = cachedLocator(
      async () => {
        if (n++ === 0) throw new Error('XCPD down');
        return [A];
      },
      { ttlMs: 1000 },
    );
    await expect(loc.locate(NATIONAL)).rejects.toThrow('XCPD down');
    expect(await loc.locate(NATIONAL)).toEqual([A]);
    expect(loc.discoveries()).toBe(2);
  });
});

describe('initiating gateway retrieve (ITI-43 / RAD-69 -> ITI-39 / RAD-75)', () => {
  const opts = { timeoutMs: 50 };
  test('routes by HomeCommunityId and merges: Success', async () => {
    const r = await federatedRetrieve([doc('1.1', A), doc('2.1', B)], [gw(A, never), gw(B, never)], opts);
    expect(summary(r)).toEqual(['Success', []]);
    expect(r.documents.map((d) => [d.documentUniqueId, d.homeCommunityId])).toEqual([
      ['1.1', A],
      ['2.1', B],
    ]);
  });
  test('a down community and an unknown one: PartialSuccess, one error each', async () => {
    const down = gw(B, never, async () => {
      throw new Error('ECONNRESET');
    });
    const r = await federatedRetrieve([doc('1.1', A), doc('2.1', B), doc('2.2', B), doc('3.1', C), doc('4.1')], [gw(A, never), down], opts);
    expect(summary(r)).toEqual([
      'PartialSuccess',
      [
        ['XDSUnknownCommunity', C],
        ['XDSMissingHomeCommunityId', '4.1'],
        ['XDSUnavailableCommunity', B],
      ],
    ]);
  });
  test('nothing retrieved: Failure', async () => {
    const clock = manualClock();
    const pending = federatedRetrieve([doc('2.1', B)], [gw(B, never, () => never())], { timeoutMs: 50, after: clock.after });
    await new Promise((r) => setImmediate(r));
    clock.fire();
    expect(summary(await pending)).toEqual(['Failure', [['XDSUnavailableCommunity', B]]]);
  });
  test('a community’s PartialSuccess passes through with its errors', async () => {
    const part = gw(
      A,
      never,
      async (reqs): Promise<RetrieveAnswer> => ({
        status: STATUS.partialSuccess,
        errors: [
          {
            errorCode: 'XDSDocumentUniqueIdError',
            codeContext: 'no 1.2',
            severity: 'urn:oasis:names:tc:ebxml-regrep:ErrorSeverityType:Error',
            location: '1.2',
          },
        ],
        documents: [{ ...reqs[0]!, mimeType: 'application/dicom', path: '' }],
      }),
    );
    expect(summary(await federatedRetrieve([doc('1.1', A), doc('1.2', A)], [part], opts))).toEqual([
      'PartialSuccess',
      [['XDSDocumentUniqueIdError', '1.2']],
    ]);
  });
});
