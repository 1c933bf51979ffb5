// An ITI-41 / RAD-68 request read and checked off the event loop when it is big (issue 16 item
// 3): a 990-document submission was seconds of XML parsing, metadata validation and mapping,
// during which every ITI-18 query waited. The worker does what needs no store (the SOAP
// envelope, the ebRIM reading, the repository's and the registry's store-free checks:
// core.ts checkProvideRequest) and answers plain data; the event loop then does the store
// checks and the commit (core.ts answerProvide), exactly as when everything runs on the loop,
// so the answer and what is stored are the same. One worker pool per heap bound per process,
// shared with nothing else. Past the time budget or the heap bound the worker is ended and the
// submission refused with an XDSRepositoryError naming the limit, before anything touches the store.
import { XDS_ACTION } from '../../protocols/ebrim/constants.ts';
import { STATUS, writeRegistryResponse } from '../../protocols/ebrim/index.ts';
import type { MtomPart } from '../../protocols/mtom/index.ts';
import { readEnvelope, SoapFaultError, type Addressing, type SoapFault } from '../../protocols/soap/index.ts';
import { createWorkerPool, WorkBudgetExceeded, type WorkerPool } from '../kit/worker-pool.ts';
import { xdsConfig, type XdsConfig } from './config.ts';
import { checkProvideRequest, rowOf, type PreparedProvide, type XdsReply } from './core.ts';
import { xdsError } from './errors.ts';
import { builtInValidatorOptions, metadataValidator } from './metadata-validator.ts';

/** What a worker needs to check a submission exactly as the XdsConfig it stands for would. */
export interface OffLoopSettings {
  repositoryUniqueId: string;
  knownPatients: string[];
  acceptAnyPatient: boolean;
  strictness: XdsConfig['strictness'];
  maxEntries: number;
  /** The built-in metadata validator's options, or undefined for none. */
  validate?: { readDocuments: boolean };
}

export interface SubmissionTask {
  /** The SOAP envelope as the body reader gave it (text for MTOM, bytes for plain SOAP). */
  xml: string | Uint8Array;
  /** The MTOM parts, their bytes one after another in `bytes` (one buffer: one transfer each way). */
  parts: { key: string; contentId: string; contentType: string; offset: number; length: number }[];
  bytes: Uint8Array;
  exchangeId?: string;
  settings: OffLoopSettings;
}

/** The worker's answer as data: the prepared submission, the fault the sender is owed, or "not a Provide and Register" (the loop handles it whole). */
export type SubmissionResult =
  | { kind: 'prepared'; addressing: Addressing; prepared: PreparedProvide }
  | { kind: 'fault'; fault: SoapFault; addressing?: Addressing }
  | { kind: 'elsewhere' };

/** What the adapter does with a request prepared here, or a refusal already written. */
export type OffLoopOutcome =
  | Exclude<SubmissionResult, { kind: 'elsewhere' }>
  | { kind: 'refused'; reply: XdsReply; addressing: Addressing };

/**
 * The settings a worker checks with, or undefined when `cfg` has a validator of the caller's own
 * (a function does not cross to a worker): such submissions are checked on the event loop.
 */
export function offLoopSettings(cfg: XdsConfig): OffLoopSettings | undefined {
  const validate = cfg.validate && builtInValidatorOptions(cfg.validate);
  if (cfg.validate && !validate) return undefined;
  return {
    repositoryUniqueId: cfg.repositoryUniqueId,
    knownPatients: [...cfg.knownPatients],
    acceptAnyPatient: cfg.acceptAnyPatient,
    strictness: cfg.strictness,
    maxEntries: cfg.maxEntries,
    ...(validate ? { validate } : {}),
  };
}

/** The config a worker checks with. */
export function configOf(s: OffLoopSettings): XdsConfig {
  return xdsConfig({
    repositoryUniqueId: s.repositoryUniqueId,
    knownPatients: new Set(s.knownPatients),
    acceptAnyPatient: s.acceptAnyPatient,
    strictness: s.strictness,
    maxEntries: s.maxEntries,
    ...(s.validate ? { validate: metadataValidator(s.validate) } : {}),
  });
}

/**
 * A repository request prepared on a worker, or undefined when it is small enough for the event
 * loop (or its config cannot cross to a worker): the caller then handles it as before.
 */
export async function prepareOffLoop(
  xml: string | Buffer,
  parts: ReadonlyMap<string, MtomPart>,
  exchangeId: string | undefined,
  cfg: XdsConfig,
): Promise<OffLoopOutcome | undefined> {
  let partBytes = 0;
  for (const p of parts.values()) partBytes += p.data.byteLength;
  const xmlBytes = typeof xml === 'string' ? xml.length : xml.byteLength;
  if (xmlBytes + partBytes < cfg.offLoopBytes && !hasEntries(xml, cfg.offLoopEntries)) return undefined;
  const settings = offLoopSettings(cfg);
  if (!settings) return undefined;
  // One buffer the worker owns: the parts' Buffers are views into the body reader's chunks.
  const bytes = new Uint8Array(partBytes + (typeof xml === 'string' ? 0 : xml.byteLength));
  const layout: SubmissionTask['parts'] = [];
  let at = 0;
  for (const [key, p] of parts) {
    bytes.set(p.data, at);
    layout.push({ key, contentId: p.contentId, contentType: p.contentType, offset: at, length: p.data.byteLength });
    at += p.data.byteLength;
  }
  if (typeof xml !== 'string') bytes.set(xml, at);
  const taskXml = typeof xml === 'string' ? xml : bytes.subarray(at);
  const task: SubmissionTask = { xml: taskXml, parts: layout, bytes, settings, ...(exchangeId === undefined ? {} : { exchangeId }) };
  let result: SubmissionResult;
  try {
    result = await poolFor(cfg.submissionHeapMb).run(task, { timeoutMs: cfg.submissionBudgetMs, transfer: [bytes.buffer] });
  } catch (err) {
    if (!(err instanceof WorkBudgetExceeded)) throw err;
    return refusal(err, xml, xmlBytes + partBytes, parts.size);
  }
  if (result.kind === 'elsewhere') return undefined;
  if (result.kind === 'prepared' && 'checked' in result.prepared && result.prepared.checked.register.ok) {
    // Document bytes come back as Uint8Array views of the returned buffer; the store takes Buffers.
    for (const d of result.prepared.checked.register.documents) d.data = Buffer.from(d.data.buffer, d.data.byteOffset, d.data.byteLength);
  }
  return result;
}

/** The worker's own task: the same reading and checks the event loop would do. */
export function prepareSubmission(task: SubmissionTask, cfg: XdsConfig): SubmissionResult {
  const parts = new Map<string, MtomPart>();
  for (const p of task.parts) {
    const data = Buffer.from(task.bytes.buffer, task.bytes.byteOffset + p.offset, p.length);
    parts.set(p.key, { contentId: p.contentId, contentType: p.contentType, data });
  }
  let addressing: Addressing | undefined;
  try {
    const envelope = readEnvelope(task.xml);
    addressing = envelope.addressing;
    if (rowOf('repository', addressing.action).soapAction !== XDS_ACTION.provide) return { kind: 'elsewhere' };
    return { kind: 'prepared', addressing, prepared: checkProvideRequest(envelope.body, parts, cfg, task.exchangeId) };
  } catch (err) {
    if (err instanceof SoapFaultError) return { kind: 'fault', fault: err.fault, ...(addressing ? { addressing } : {}) };
    throw err;
  }
}

/**
 * At least `n` DocumentEntries, counted as "ExtrinsicObject" in the SOAP text (an opening and
 * a closing tag each; a mention elsewhere counts too: erring towards the worker).
 */
function hasEntries(xml: string | Buffer, n: number): boolean {
  const word = 'ExtrinsicObject';
  let found = 0;
  for (let at = xml.indexOf(word); at !== -1 && found < 2 * n; at = xml.indexOf(word, at + word.length)) found++;
  return found >= 2 * n;
}

/** The RegistryResponse for a submission past its budget: nothing was stored. */
function refusal(err: WorkBudgetExceeded, xml: string | Buffer, bytes: number, parts: number): OffLoopOutcome {
  const head = (typeof xml === 'string' ? xml.slice(0, 65_536) : xml.subarray(0, 65_536).toString('utf8')).split(/<[\w.-]*:?Body[\s>]/)[0]!;
  const what = err.budget === 'time' ? 'its time budget' : 'its memory bound';
  const errors = [
    xdsError(
      'XDSRepositoryError',
      `the submission (${bytes} bytes, ${parts} MTOM parts) was refused: ${err.message}; nothing was stored (checking it exceeded ${what})`,
    ),
  ];
  const messageId = /<(?:[\w.-]+:)?MessageID[^>]*>\s*([^<\s]+)\s*</.exec(head)?.[1];
  // The envelope was never read: the transaction is told by the same test core.ts uses (any DICOM document: RAD-68).
  const imaging = /mimeType\s*=\s*["']application\/dicom["']/.test(typeof xml === 'string' ? xml : xml.toString('latin1'));
  return {
    kind: 'refused',
    addressing: { action: XDS_ACTION.provide, ...(messageId ? { messageId } : {}) },
    reply: {
      transaction: imaging ? 'RAD-68' : 'ITI-41',
      action: `${XDS_ACTION.provide}Response`,
      bodyXml: writeRegistryResponse({ status: STATUS.failure, errors }),
      attachments: [],
      errors,
    },
  };
}

const pools = new Map<number, WorkerPool<SubmissionTask, SubmissionResult>>();

function poolFor(heapMb: number): WorkerPool<SubmissionTask, SubmissionResult> {
  let pool = pools.get(heapMb);
  if (!pool) {
    pool = createWorkerPool({ source: 'simulators/xds/submission-worker.ts', distName: 'xds-submission-worker', heapMb });
    pools.set(heapMb, pool);
  }
  return pool;
}

/** A request the worker refuses at once (not an envelope): enough to load its modules and build its validator. */
const WARM_UP = '<warm-up/>';

/**
 * Starts a worker and has it load what a submission check needs, so the first big ITI-41 does
 * not pay the start-up (the CLI awaits this before announcing the simulator). Never throws: a
 * worker that cannot start shows up on the first big submission instead.
 */
export async function warmOffLoop(cfg: XdsConfig): Promise<void> {
  const settings = offLoopSettings(cfg);
  if (!settings) return;
  const bytes = new Uint8Array(0);
  await poolFor(cfg.submissionHeapMb)
    .run({ xml: WARM_UP, parts: [], bytes, settings }, { timeoutMs: cfg.submissionBudgetMs })
    .catch(() => undefined);
}
