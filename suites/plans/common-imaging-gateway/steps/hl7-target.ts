// Where our RIS sends its HL7 to the gateway: endpoints.hl7, mllp://host:port or mllps://host:port
// (MLLP over TLS with the profile's deployment CA and our client certificate; without a tls
// section the gateway's certificate is verified against the system store).
import type { ConnectionOptions } from 'node:tls';
import { tlsClientOptions } from '../../../../simulators/tls/options.ts';
import type { StepContext } from '../../../engine/dsl.ts';
import { clientTls } from '../../common/client-tls.ts';

export interface Hl7Target {
  host: string;
  port: number;
  timeoutMs: number;
  tls?: ConnectionOptions;
}

export function hl7Target(ctx: StepContext, timeoutMs: number): Hl7Target {
  const ep = ctx.sut.endpoints.hl7;
  if (!ep) throw new Error('the SUT profile has no endpoints.hl7 (mllp://host:port or mllps://host:port)');
  const url = new URL(ep);
  const target = { host: url.hostname, port: Number(url.port), timeoutMs };
  return url.protocol === 'mllps:' ? { ...target, tls: clientTls(ctx.sut) ?? tlsClientOptions({}) } : target;
}
