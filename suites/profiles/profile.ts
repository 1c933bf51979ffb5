// The SUT profile: who the system under test is and where to reach it. Plans read their
// inputs from here; the run report records it.
import { z } from 'zod';
import { loadConfig, parseConfig } from './yaml-config.ts';

/** Roles as spec/README.md names the actors. */
export const ROLES = [
  'Imaging Document Source',
  'Document Source',
  'Document Repository',
  'Document Registry',
  'MHD Document Source',
  'MHD Document Recipient',
  'MHD Document Responder',
  'Document Consumer',
  'Imaging Document Consumer',
  'Initiating Gateway',
  'Responding Gateway',
  'WADO-RS Source',
  'Image Display',
  'RIS',
  'Common Imaging Gateway',
  'WIA Facade',
] as const;
export type Role = (typeof ROLES)[number];

/** Options a SUT may declare (spec/README.md, "Options a SUT may declare"). */
export const OPTIONS = ['XDS-I.b', 'MHD', 'XCA', 'RAD-69', 'SSV1', 'SSV2', 'gateway-import', 'WIA', 'IUA'] as const;

const OID = /^[0-2](\.(0|[1-9]\d*))+$/;
const AE_TITLE = /^[\x20-\x5b\x5d-\x7e]{1,16}$/; // PS3.5 AE VR: 16 chars, no backslash or controls

const url = z.url({ protocol: /^(https?|mllp)$/, error: 'must be an http(s):// or mllp:// URL' });
const hostPort = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be host:port');

const Endpoint = z.union([url, hostPort], { error: 'must be a URL (http://, https://, mllp://) or host:port' });

const PatientIdDomain = z.strictObject({
  name: z.string().min(1),
  /** Assigning authority OID, as in CX.4.2 / the XDS patientId ^^^&OID&ISO. */
  issuer: z.string().regex(OID, 'issuer must be an OID (e.g. 1.2.3.4)'),
  namespace: z.string().min(1).optional(),
  /** Patient IDs of this domain the tester may use. */
  patients: z.array(z.string().min(1)).optional(),
});

export const SutProfileSchema = z.strictObject({
  name: z.string().min(1),
  roles: z.array(z.enum(ROLES)).min(1, 'declare at least one role'),
  endpoints: z.record(z.string().regex(/^[a-z][a-zA-Z0-9-]*$/, 'endpoint names are camelCase'), Endpoint).default({}),
  aeTitles: z.record(z.string().min(1), z.string().regex(AE_TITLE, 'AE title: 1-16 printable characters, no backslash')).default({}),
  patientIdDomains: z.array(PatientIdDomain).default([]),
  options: z.array(z.enum(OPTIONS)).default([]),
  /** OIDs identifying the SUT in metadata (source ID, repository unique ID, home community). */
  oids: z.record(z.string().min(1), z.string().regex(OID, 'must be an OID')).default({}),
  /**
   * A local test set-up (a vendor's laptop, the reference SUT): plain-http WADO-RS Retrieve URLs
   * on loopback are then warnings, not KOS-022 errors. Never set for a projectathon or label run.
   */
  localTestSetup: z.boolean().optional(),
  notes: z.string().optional(),
});

export type SutProfile = z.infer<typeof SutProfileSchema>;

export function parseSutProfile(text: string, file = 'sut.yaml'): SutProfile {
  return parseConfig(SutProfileSchema, text, file);
}

export function loadSutProfile(file: string): SutProfile {
  return loadConfig(SutProfileSchema, file);
}
