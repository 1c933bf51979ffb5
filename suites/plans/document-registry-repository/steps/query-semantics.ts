// ITI-18 stored-query semantics beyond "find what was registered": exclusive parameters
// (XDS-017), event code AND-of-OR lists (XDS-018), service time bounds (XDS-019), exact
// referenceIdList matching (XDS-020) and the linked set found by study or accession (LINK-007).
// Each step registers its own entries, tagged with a marker event code, so earlier data in a
// real registry cannot change the answer.
import type { Finding } from '../../../../model/finding.ts';
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { param, rawParam } from '../../../../simulators/clients/xds-consumer.ts';
import { QUERY } from '../../../../simulators/xds/stored-query.ts';
import { defineStep, type StepDef, type StepOutcome } from '../../../engine/dsl.ts';
import { finding, patients } from '../calls.ts';
import { CHEST, codeKey, CT, HEAD, markerCode, MR, query, setDiff, submitAll, tailored, type Code, type Queried } from './query-kit.ts';
import type { BuiltSubmission } from '../../common/iti41-submission.ts';
import { freshEntryId, freshUid } from '../../common/iti41-submission.ts';

const APPROVED = param('$XDSDocumentEntryStatus', 'urn:oasis:names:tc:ebxml-regrep:StatusType:Approved');
const patientParam = (cx: string) => param('$XDSDocumentEntryPatientId', cx);
const eventGroup = (...codes: Code[]) => param('$XDSDocumentEntryEventCodeList', ...codes.map(codeKey));
const STUDY_TYPE = 'urn:ihe:iti:xds:2016:studyInstanceUID';
const ACCESSION_TYPE = 'urn:ihe:iti:xds:2013:accession';

/** The finding when the query did not answer Success, else undefined. */
function notAnswered(q: Queried, ruleId: string, reqIds: string[], what: string): Finding | undefined {
  if (!q.response) return finding(ruleId, reqIds, q.exchange, 'soap:Body', `${what}: no AdhocQueryResponse (${q.error ?? ''})`);
  if (q.response.status !== STATUS.success)
    return finding(
      ruleId,
      reqIds,
      q.exchange,
      'AdhocQueryResponse/@status',
      `${what}: answered ${q.response.status} [${q.response.errors.map((e) => e.errorCode).join(', ')}]`,
    );
  return undefined;
}

/** Registers the set; a refused set-up leaves the query untested (XDS-003 judges the refusal). */
async function setUp(subs: BuiltSubmission[], ctx: Parameters<StepDef['run']>[0]): Promise<StepOutcome | undefined> {
  const why = await submitAll(ctx, subs);
  return why ? { state: 'skip', message: why } : undefined;
}

/** Runs each query and compares the returned uniqueIds with the expected set. */
async function expectSets(
  ctx: Parameters<StepDef['run']>[0],
  ruleId: string,
  reqIds: string[],
  names: Map<string, string>,
  cases: { what: string; queryId: string; params: ReturnType<typeof param>[]; want: string[] }[],
): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const c of cases) {
    const q = await query(ctx, c.queryId, c.params);
    const bad = notAnswered(q, ruleId, reqIds, c.what);
    if (bad) {
      out.push(bad);
      continue;
    }
    const diff = setDiff(q.uniqueIds, c.want, names);
    if (diff) out.push(finding(ruleId, reqIds, q.exchange, 'rim:RegistryObjectList', `${c.what}: ${diff}`));
  }
  return out;
}

export function exclusiveParams(): StepDef {
  return defineStep({
    id: 'exclusive-params',
    title: 'GetDocuments with both $XDSDocumentEntryEntryUUID and $XDSDocumentEntryUniqueId gets XDSStoredQueryParamNumber',
    verifies: ['XDS-017'],
    async run(ctx) {
      const q = await query(ctx, QUERY.GetDocuments, [
        param('$XDSDocumentEntryEntryUUID', freshEntryId()),
        param('$XDSDocumentEntryUniqueId', freshUid()),
      ]);
      const codes = q.response?.errors.map((e) => e.errorCode) ?? [];
      if (q.response?.status === STATUS.failure && codes.includes('XDSStoredQueryParamNumber')) return ctx.fromFindings([]);
      return ctx.fromFindings([
        finding(
          'drr.query.exclusive-params',
          ['XDS-017'],
          q.exchange,
          'AdhocQueryResponse',
          `expected Failure with XDSStoredQueryParamNumber; got ${q.response ? `${q.response.status} [${codes.join(', ')}]` : (q.error ?? 'nothing')}`,
        ),
      ]);
    },
  });
}

export function eventCodeSemantics(): StepDef {
  return defineStep({
    id: 'event-code-semantics',
    title: 'Values in one $XDSDocumentEntryEventCodeList are ORed, repeated lists are ANDed',
    verifies: ['XDS-018'],
    async run(ctx) {
      const { known } = patients(ctx);
      const mark = markerCode();
      const ctChest = tailored(known, { eventCodes: [CT, CHEST, mark] });
      const mrHead = tailored(known, { eventCodes: [MR, HEAD, mark] });
      const ctHead = tailored(known, { eventCodes: [CT, HEAD, mark] });
      const failed = await setUp([ctChest, mrHead, ctHead], ctx);
      if (failed) return failed;
      const names = new Map([
        [ctChest.uniqueId, 'CT/chest'],
        [mrHead.uniqueId, 'MR/head'],
        [ctHead.uniqueId, 'CT/head'],
      ]);
      const base = [patientParam(known), APPROVED];
      return ctx.fromFindings(
        await expectSets(ctx, 'drr.query.event-codes', ['XDS-018'], names, [
          {
            what: '(CT) AND (head)',
            queryId: QUERY.FindDocuments,
            params: [...base, eventGroup(CT), eventGroup(HEAD), eventGroup(mark)],
            want: [ctHead.uniqueId],
          },
          {
            what: '(CT OR MR) AND (head)',
            queryId: QUERY.FindDocuments,
            params: [...base, eventGroup(CT, MR), eventGroup(HEAD), eventGroup(mark)],
            want: [mrHead.uniqueId, ctHead.uniqueId],
          },
        ]),
      );
    },
  });
}

export function dateRange(): StepDef {
  return defineStep({
    id: 'date-range',
    title: 'ServiceStartTimeFrom is inclusive and ServiceStartTimeTo exclusive',
    verifies: ['XDS-019'],
    async run(ctx) {
      const { known } = patients(ctx);
      const mark = markerCode();
      const [FROM, TO] = ['20240301000000', '20240301120000'];
      const before = tailored(known, { eventCodes: [CT, CHEST, mark], serviceStartTime: '20240229235959' });
      const atFrom = tailored(known, { eventCodes: [CT, CHEST, mark], serviceStartTime: FROM });
      const inside = tailored(known, { eventCodes: [CT, CHEST, mark], serviceStartTime: '20240301115959' });
      const atTo = tailored(known, { eventCodes: [CT, CHEST, mark], serviceStartTime: TO });
      const failed = await setUp([before, atFrom, inside, atTo], ctx);
      if (failed) return failed;
      const names = new Map([
        [before.uniqueId, 'the entry at 20240229235959 (before From)'],
        [atFrom.uniqueId, `the entry at From (${FROM})`],
        [inside.uniqueId, 'the entry inside the range'],
        [atTo.uniqueId, `the entry at To (${TO}, excluded)`],
      ]);
      const base = [patientParam(known), APPROVED, eventGroup(mark)];
      return ctx.fromFindings(
        await expectSets(ctx, 'drr.query.date-range', ['XDS-019'], names, [
          {
            what: `ServiceStartTime in [${FROM}, ${TO})`,
            queryId: QUERY.FindDocuments,
            params: [...base, rawParam('$XDSDocumentEntryServiceStartTimeFrom', FROM), rawParam('$XDSDocumentEntryServiceStartTimeTo', TO)],
            want: [atFrom.uniqueId, inside.uniqueId],
          },
        ]),
      );
    },
  });
}

export function referenceIdExact(): StepDef {
  return defineStep({
    id: 'reference-id-exact',
    title: 'FindDocumentsByReferenceId matches the whole CXi, identifier type and issuer included',
    verifies: ['XDS-020'],
    async run(ctx) {
      const { known } = patients(ctx);
      const [study, acc, issuer, other] = [freshUid(), `ACC-${freshUid().slice(-10)}`, '1.2.3.4.5.6', '1.2.3.4.5.7'];
      const studyCx = `${study}^^^^${STUDY_TYPE}`;
      const accCx = `${acc}^^^&${issuer}&ISO^${ACCESSION_TYPE}`;
      const target = tailored(known, { referenceIds: [studyCx, accCx] });
      // Every entry keeps a Study Instance UID of its own (META-007): only the identifier under test differs.
      const otherIssuer = tailored(known, { referenceIds: [`${freshUid()}^^^^${STUDY_TYPE}`, `${acc}^^^&${other}&ISO^${ACCESSION_TYPE}`] });
      const otherType = tailored(known, {
        referenceIds: [
          `${freshUid()}^^^^${STUDY_TYPE}`,
          `${acc}^^^&${issuer}&ISO^urn:ihe:iti:xds:2013:order`,
          `${study}^^^&${issuer}&ISO^${ACCESSION_TYPE}`,
        ],
      });
      const failed = await setUp([target, otherIssuer, otherType], ctx);
      if (failed) return failed;
      const names = new Map([
        [target.uniqueId, 'the entry with both identifiers'],
        [otherIssuer.uniqueId, 'the entry whose accession has another issuer'],
        [otherType.uniqueId, 'the entry whose identifiers have another type'],
      ]);
      const base = [patientParam(known), APPROVED];
      return ctx.fromFindings(
        await expectSets(ctx, 'drr.query.reference-id', ['XDS-020'], names, [
          {
            what: 'by study UID CXi',
            queryId: QUERY.FindDocumentsByReferenceId,
            params: [...base, param('$XDSDocumentEntryReferenceIdList', studyCx)],
            want: [target.uniqueId],
          },
          {
            what: 'by accession CXi',
            queryId: QUERY.FindDocumentsByReferenceId,
            params: [...base, param('$XDSDocumentEntryReferenceIdList', accCx)],
            want: [target.uniqueId],
          },
        ]),
      );
    },
  });
}

export function linkedSet(): StepDef {
  return defineStep({
    id: 'linked-set',
    title: 'FindDocumentsByReferenceId by study UID or accession returns every linked document and no other',
    verifies: ['LINK-007'],
    async run(ctx) {
      const { known } = patients(ctx);
      const ids = () => {
        const [study, acc] = [freshUid(), `ACC-${freshUid().slice(-10)}`];
        return { studyCx: `${study}^^^^${STUDY_TYPE}`, accCx: `${acc}^^^&1.2.3.4.5.6&ISO^${ACCESSION_TYPE}` };
      };
      const linked = ids();
      const unlinked = ids();
      const manifest = tailored(known, { referenceIds: [linked.studyCx, linked.accCx] });
      const report = tailored(known, { referenceIds: [linked.accCx, linked.studyCx] });
      const other = tailored(known, { referenceIds: [unlinked.studyCx, unlinked.accCx] });
      const failed = await setUp([manifest, report, other], ctx);
      if (failed) return failed;
      const names = new Map([
        [manifest.uniqueId, 'the first linked document'],
        [report.uniqueId, 'the second linked document'],
        [other.uniqueId, 'the document of another study'],
      ]);
      const base = [patientParam(known), APPROVED];
      const want = [manifest.uniqueId, report.uniqueId];
      return ctx.fromFindings(
        await expectSets(ctx, 'drr.query.linked-set', ['LINK-007'], names, [
          {
            what: 'by study UID',
            queryId: QUERY.FindDocumentsByReferenceId,
            params: [...base, param('$XDSDocumentEntryReferenceIdList', linked.studyCx)],
            want,
          },
          {
            what: 'by accession',
            queryId: QUERY.FindDocumentsByReferenceId,
            params: [...base, param('$XDSDocumentEntryReferenceIdList', linked.accCx)],
            want,
          },
        ]),
      );
    },
  });
}
