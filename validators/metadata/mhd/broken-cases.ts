// One-change broken variants of the conformant ITI-65 Bundle (fixtures/builders/mhd-bundle.ts),
// as data: validators/metadata/mhd/rules.test.ts checks each is flagged by its rule at the exact
// FHIRPath; the coverage table (npm run docs) lists them without running anything.
import type { Bundle, DocumentReference } from 'fhir/r4.js';

export interface MhdCase {
  name: string;
  ruleId: string;
  path: string;
  change: (b: Bundle) => void;
}

export const DR = 'Bundle.entry[1].resource';
export const dr = (b: Bundle) => b.entry![1]!.resource as DocumentReference;

export const MHD_CASES: readonly MhdCase[] = [
  {
    name: 'a batch Bundle',
    ruleId: 'mhd.bundle.profile',
    path: 'Bundle.type',
    change: (b) => {
      b.type = 'batch';
    },
  },
  {
    name: 'no MHD profile',
    ruleId: 'mhd.bundle.profile',
    path: 'Bundle.meta.profile',
    change: (b) => {
      b.meta = {};
    },
  },
  {
    name: 'an attachment.url to nowhere',
    ruleId: 'mhd.bundle.content',
    path: `${DR}.content[0].attachment.url`,
    change: (b) => {
      dr(b).content[0]!.attachment.url = 'urn:uuid:nowhere';
    },
  },
  {
    name: 'a wrong attachment.size',
    ruleId: 'mhd.bundle.hash-size',
    path: `${DR}.content[0].attachment.size`,
    change: (b) => {
      dr(b).content[0]!.attachment.size = 1;
    },
  },
  {
    name: 'a missing subject',
    ruleId: 'mhd.subject',
    path: `${DR}.subject`,
    change: (b) => {
      delete dr(b).subject;
    },
  },
  {
    name: 'a masterIdentifier without urn:oid:',
    ruleId: 'mhd.master-identifier',
    path: `${DR}.masterIdentifier`,
    change: (b) => {
      dr(b).masterIdentifier!.value = '1.2.3';
    },
  },
  {
    name: 'a modality coded with the DCM OID',
    ruleId: 'mhd.event.systems',
    path: `${DR}.context.event[0].coding[0].system`,
    change: (b) => {
      dr(b).context!.event![0]!.coding![0]!.system = 'urn:oid:1.2.840.10008.2.16.4';
    },
  },
  {
    name: 'an untyped accession',
    ruleId: 'mhd.related.typing',
    path: `${DR}.context.related[1].identifier.type`,
    change: (b) => {
      delete dr(b).context!.related![1]!.identifier!.type;
    },
  },
  {
    name: 'a text/xml KOS',
    ruleId: 'xdsi.mime-type',
    path: `${DR}.content[0].attachment.contentType`,
    change: (b) => {
      dr(b).content[0]!.attachment.contentType = 'text/xml';
      (b.entry![2]!.resource as unknown as { contentType: string }).contentType = 'text/xml';
    },
  },
  {
    name: 'a category outside the value set',
    ruleId: 'mcwg.class-code',
    path: `${DR}.category[0].coding[0]`,
    change: (b) => {
      dr(b).category![0]!.coding![0]!.code = 'other';
    },
  },
  {
    name: 'no region',
    ruleId: 'xdsi.event.region',
    path: `${DR}.context.event`,
    change: (b) => {
      dr(b).context!.event!.splice(1, 1);
    },
  },
];
