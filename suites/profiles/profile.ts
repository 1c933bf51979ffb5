// The SUT profile: who the system under test is and where to reach it. Plans read their
// inputs from here; the run report records it.
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { HL7_FIELD, accessionSetting, type AccessionEncoding, type AccessionSetting } from '../../validators/hl7v2/accession-setting.ts';
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

const url = z.url({ protocol: /^(https?|mllps?)$/, error: 'must be an http(s):// or mllp(s):// URL' });
const hostPort = z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, 'must be host:port');

const Endpoint = z.union([url, hostPort], { error: 'must be a URL (http://, https://, mllp://, mllps://) or host:port' });

/** A PEM certificate file and its key file. */
const PemFiles = z.strictObject({ cert: z.string().min(1), key: z.string().min(1) });

const PatientIdDomain = z.strictObject({
  name: z.string().min(1),
  /** Assigning authority OID, as in CX.4.2 / the XDS patientId ^^^&OID&ISO. */
  issuer: z.string().regex(OID, 'issuer must be an OID (e.g. 1.2.3.4)'),
  namespace: z.string().min(1).optional(),
  /** Patient IDs of this domain the tester may use. */
  patients: z.array(z.string().min(1)).optional(),
});

/** HL7 v2 conventions the deployment agreed (RIS-006): shared by run, simulate ris, validate hl7. */
const Hl7Settings = z.strictObject({
  /** Field carrying the accession number; default OBR-18 (the catalogue's). */
  accessionField: z.string().regex(HL7_FIELD, 'must be a segment field such as OBR-18, OBR-3, IPC-1').optional(),
  /** ST: the number alone (OBR-18 in v2.5.1, the default there); EI: number^^issuer OID^ISO in the field. */
  accessionEncoding: z.enum(['ST', 'EI'] satisfies AccessionEncoding[]).optional(),
  /** The deployment's agreed accession issuer OID, when the field carries none (ST). */
  accessionIssuerOid: z.string().regex(OID, 'must be an OID').optional(),
});

/**
 * Where the XDS-I.b manifest of the study under test comes from (wado-rs-source and the plans
 * that retrieve by it): a KOS file, or the XDS registry/repository (endpoints.registry,
 * endpoints.repository) by its DocumentEntry uniqueId. Without it the plan falls back to a
 * manifest stored in the study itself.
 */
const ManifestSource = z
  .strictObject({
    /** A KOS file; relative paths are relative to the profile file. */
    file: z.string().min(1).optional(),
    /** The manifest's XDSDocumentEntry.uniqueId, fetched by ITI-43 (ITI-18 finds its repository). */
    documentUniqueId: z.string().min(1).optional(),
    /** The repository's uniqueId; without it an ITI-18 GetDocuments query asks the registry. */
    repositoryUniqueId: z.string().regex(OID, 'must be an OID').optional(),
  })
  .refine((m) => Boolean(m.file) !== Boolean(m.documentUniqueId), { error: 'give either file or documentUniqueId' });

/**
 * TLS of the deployment (SEC-001, SEC-002): the CA the SUT's certificate must chain to, our
 * client certificate for mutual TLS (used by every client of the plans on https:// and
 * mllps:// endpoints), and the certificates a SUT must refuse (`mcwg fixtures pki` writes them
 * all). Paths relative to the profile file.
 */
const TlsSettings = z.strictObject({
  ca: z.string().min(1),
  client: PemFiles.optional(),
  untrusted: PemFiles.optional(),
  expired: PemFiles.optional(),
  /** Name the SUT's certificates must carry when it differs from the endpoint's host. */
  servername: z.string().min(1).optional(),
});

/**
 * IUA bearer tokens the deployment's authorization server issued for the test (SEC-005 to
 * SEC-009): one granting the study under test (every REST call of the plans carries it), a
 * valid one for another patient and study, which the SUT must refuse, and optionally the one a
 * consumer holds after reading the study's manifest (granting that document, not the study),
 * with which the SUT must serve the images the manifest references (SEC-007; without it, SEC-007
 * is checked with `token`).
 */
const AuthSettings = z.strictObject({
  token: z.string().min(1),
  otherPatientToken: z.string().min(1).optional(),
  manifestToken: z.string().min(1).optional(),
});

/** Federation settings of an Initiating Gateway SUT (the initiating-gateway plan). */
const XcaSettings = z.strictObject({
  /** The gateway's own deadline per responding community, in ms: a community later than that must be reported unavailable. */
  communityTimeoutMs: z.number().int().positive().max(120_000),
  /** Port of our communities (default 0: a free one); fix it when the gateway must be configured before the run. */
  communitiesPort: z.number().int().min(0).max(65_535).optional(),
});

/**
 * ATNA audit (SEC-003, SEC-004): the SUT sends its audit messages to our Audit Record Repository,
 * which the run starts (the tester is told its address; `port`/`udpPort` fix it so the SUT can be
 * configured beforehand). Each audit must arrive within `timeLimitSeconds` of its transaction.
 * With `server` (and tls.ca) our repository takes RFC 5425 over mutual TLS. Paths relative to
 * the profile file. Without this section the audit tests are not run (not tested).
 */
const AuditSettings = z.strictObject({
  timeLimitSeconds: z.number().positive().max(600).default(30),
  port: z.number().int().min(0).max(65535).optional(),
  udpPort: z.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
  server: PemFiles.optional(),
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
  hl7: Hl7Settings.optional(),
  manifest: ManifestSource.optional(),
  tls: TlsSettings.optional(),
  auth: AuthSettings.optional(),
  audit: AuditSettings.optional(),
  xca: XcaSettings.optional(),
  notes: z.string().optional(),
});

export type SutProfile = z.infer<typeof SutProfileSchema>;

export function parseSutProfile(text: string, file = 'sut.yaml'): SutProfile {
  return parseConfig(SutProfileSchema, text, file);
}

export function loadSutProfile(file: string): SutProfile {
  const p = loadConfig(SutProfileSchema, file);
  // A manifest file named in the profile is found next to the profile, wherever the run starts.
  if (p.manifest?.file && !isAbsolute(p.manifest.file)) p.manifest.file = resolve(dirname(file), p.manifest.file);
  if (p.tls) {
    const at = (f: string) => (isAbsolute(f) ? f : resolve(dirname(file), f));
    p.tls.ca = at(p.tls.ca);
    for (const pair of [p.tls.client, p.tls.untrusted, p.tls.expired])
      if (pair) Object.assign(pair, { cert: at(pair.cert), key: at(pair.key) });
  }
  if (p.audit?.server) {
    const at = (f: string) => (isAbsolute(f) ? f : resolve(dirname(file), f));
    Object.assign(p.audit.server, { cert: at(p.audit.server.cert), key: at(p.audit.server.key) });
  }
  return p;
}

/** The profile's accession setting, defaults filled in (OBR-18, ST). */
export function accessionOfProfile(p: Pick<SutProfile, 'hl7'>): AccessionSetting {
  const h = p.hl7 ?? {};
  return accessionSetting({ field: h.accessionField, encoding: h.accessionEncoding, issuerOid: h.accessionIssuerOid });
}
