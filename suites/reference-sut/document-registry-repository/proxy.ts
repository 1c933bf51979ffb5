// A thin HTTP proxy in front of our XDS simulator: each broken variant rewrites one kind of
// answer on the way back, so the simulator itself stays conformant and untouched.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Given the request and response bodies, the response body to send (or the same). */
export type Rewrite = (request: Buffer, response: Buffer, contentType: string) => Buffer;

export interface Proxy {
  url: string;
  stop(): Promise<void>;
}

async function body(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function startProxy(upstream: string, rewrite: Rewrite): Promise<Proxy> {
  const server = createServer((req, res) => {
    void (async () => {
      try {
        const reqBody = await body(req);
        const up = await fetch(`${upstream}${req.url ?? '/'}`, {
          method: req.method ?? 'POST',
          headers: { 'content-type': req.headers['content-type'] ?? 'application/octet-stream' },
          ...(reqBody.length > 0 ? { body: new Uint8Array(reqBody) } : {}),
        });
        const ct = up.headers.get('content-type') ?? 'application/octet-stream';
        const out = rewrite(reqBody, Buffer.from(await up.arrayBuffer()), ct);
        res.writeHead(up.status, { 'content-type': ct, 'content-length': out.length });
        res.end(out);
      } catch (err) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Byte-preserving text edit of a body (latin1 keeps MTOM binary parts intact). */
export const editText = (b: Buffer, fn: (s: string) => string): Buffer => Buffer.from(fn(b.toString('latin1')), 'latin1');
