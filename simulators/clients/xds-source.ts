// Document Source / Imaging Document Source initiator: ITI-41 and RAD-68 with MTOM/XOP.
import { XDS_ACTION } from '../../protocols/ebrim/constants.ts';
import type { ConnectionOptions } from 'node:tls';
import type { Exchange } from '../../model/exchange.ts';
import { readEbrim, writeProvideAndRegister, type RegistryResponse, type SubmitObjectsRequest } from '../../protocols/ebrim/index.ts';
import type { Attachment } from '../../protocols/mtom/index.ts';
import { callSoap, type SoapCall, type SoapResult } from './xds-soap.ts';

export const PROVIDE_ACTION = XDS_ACTION.provide;

export interface SubmitResult {
  response?: RegistryResponse;
  call: SoapResult;
}

/** Sends every xds:Document as an MTOM part (XOP include), as RAD-68 requires; `tls` for https:// (mutual TLS). */
export async function provideAndRegister(
  url: string,
  req: SubmitObjectsRequest,
  record: (e: Exchange) => void,
  transaction = 'ITI-41',
  tls?: ConnectionOptions,
): Promise<SubmitResult> {
  const call = await callSoap({ ...provideCall(url, req, transaction), ...(tls ? { tls } : {}) }, record);
  return { ...registryResponseOf(call), call };
}

/** The ITI-41 call, documents moved into MTOM parts. */
export function provideCall(url: string, req: SubmitObjectsRequest, transaction = 'ITI-41'): SoapCall {
  const attachments: Attachment[] = [];
  const documents = (req.documents ?? []).map((d, i) => {
    if (d.content === undefined) return d;
    const cid = `doc${i}@mcwg`;
    const mime = req.objects.documentEntries.find((e) => e.id === d.id)?.mimeType ?? 'application/octet-stream';
    attachments.push({ contentId: cid, contentType: mime, data: Buffer.from(d.content) });
    return { id: d.id, include: `cid:${cid}`, path: d.path };
  });
  return { url, action: PROVIDE_ACTION, transaction, bodyXml: writeProvideAndRegister({ ...req, documents }), attachments };
}

export function registryResponseOf(call: SoapResult): { response?: RegistryResponse } {
  if (!call.ok) return {};
  const r = readEbrim(call.envelope.body);
  return r.ok && r.message.kind === 'RegistryResponse' ? { response: r.message } : {};
}
