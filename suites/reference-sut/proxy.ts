// A thin HTTP proxy in front of our XDS simulator: each broken variant rewrites one kind of
// answer on the way back, so the simulator itself stays conformant and untouched.
import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TlsOptions } from 'node:tls';
import type { AddressInfo } from 'node:net';

/** What the proxy saw of the exchange besides the bodies. */
export interface ProxyMeta {
  method: string;
  /** Path and query as received. */
  url: string;
  status: number;
}

/** A changed answer: another status, body or media type. */
export interface Rewritten {
  status?: number;
  body: Buffer;
  contentType?: string;
}

/** Given the request and response bodies, the response body to send (or the same), or a changed answer. */
export type Rewrite = (request: Buffer, response: Buffer, contentType: string, meta: ProxyMeta) => Buffer | Rewritten;

export interface Proxy {
  url: string;
  stop(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** With `tls` the proxy is the SUT's TLS front (its upstream stays plain HTTP on loopback). */
export async function startProxy(upstream: string, rewrite: Rewrite, tls?: TlsOptions): Promise<Proxy> {
  const handle: RequestListener = (req, res) => {
    void (async () => {
      try {
        const reqBody = await body(req);
        const headers: Record<string, string> = { 'content-type': req.headers['content-type'] ?? 'application/octet-stream' };
        if (req.headers.accept) headers.accept = req.headers.accept;
        // A SUT behind the proxy may check credentials (IID-006): pass them on.
        if (req.headers.authorization) headers.authorization = req.headers.authorization;
        const up = await fetch(`${upstream}${req.url ?? '/'}`, {
          method: req.method ?? 'POST',
          headers,
          ...(reqBody.length > 0 ? { body: new Uint8Array(reqBody) } : {}),
        });
        const ct = up.headers.get('content-type') ?? 'application/octet-stream';
        const r = rewrite(reqBody, Buffer.from(await up.arrayBuffer()), ct, {
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          status: up.status,
        });
        const out = Buffer.isBuffer(r) ? { body: r } : r;
        res.writeHead(out.status ?? up.status, { 'content-type': out.contentType ?? ct, 'content-length': out.body.length });
        res.end(out.body);
      } catch (err) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
  };
  const server = tls ? createHttpsServer(tls, handle) : createServer(handle);
  // A refused handshake (the TLS checks provoke several) is the client's failure, not ours.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Byte-preserving text edit of a body (latin1 keeps MTOM binary parts intact). */
export const editText = (b: Buffer, fn: (s: string) => string): Buffer => Buffer.from(fn(b.toString('latin1')), 'latin1');
