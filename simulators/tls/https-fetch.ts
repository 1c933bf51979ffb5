// An HTTPS request with our TLS client options (CA, client certificate, TLS 1.2 minimum), as a
// WHATWG Response. Node 20's global fetch takes no TLS options without undici's dispatcher
// (not a dependency), so callers that need a custom CA or mutual TLS use this instead; the TLS
// parameters of the connection come back for the exchange's evidence.
import { request } from 'node:https';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import type { TlsInfo } from '../../model/exchange.ts';
import { tlsInfo } from './tls-info.ts';

export interface HttpsInit {
  method?: string;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
  signal?: AbortSignal;
}

export interface HttpsAnswer {
  response: Response;
  tls?: TlsInfo;
}

// Statuses whose Response may not carry a body (the constructor throws otherwise).
const NO_BODY = new Set([101, 103, 204, 205, 304]);

export function httpsFetch(url: string, init: HttpsInit, tls: ConnectionOptions): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    // agent: false: a fresh connection per call, so the options (and the evidence) are this call's.
    const req = request(
      url,
      { ...tls, method: init.method ?? 'GET', headers: init.headers ?? {}, agent: false, ...(init.signal ? { signal: init.signal } : {}) },
      (res) => {
        const info = tlsInfo(res.socket as TLSSocket);
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) for (const x of [v].flat()) headers.append(k, x);
          const status = res.statusCode ?? 0;
          resolve({ response: new Response(NO_BODY.has(status) ? null : Buffer.concat(chunks), { status, headers }), tls: info });
        });
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
