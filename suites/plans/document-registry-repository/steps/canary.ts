// A canary URL our side serves while an XML attack step runs: an XXE payload points its
// external entity here, so a parser that resolves entities shows itself by fetching it
// (proof of expansion independent of what the SUT answers). Listens on 127.0.0.1, port 0.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Canary {
  /** A fresh URL under the canary; every GET of it is a hit. */
  url(label: string): string;
  /** The secret the canary serves: found in a SUT answer, the entity was expanded into it. */
  readonly secret: string;
  hits(): { path: string; at: string }[];
  stop(): Promise<void>;
}

export async function startCanary(): Promise<Canary> {
  const secret = `MCWG-CANARY-${randomUUID()}`;
  const hits: { path: string; at: string }[] = [];
  const server = createServer((req, res) => {
    hits.push({ path: req.url ?? '/', at: new Date().toISOString() });
    // Well-formed both as entity text and as an external DTD (a comment), so a resolving
    // parser goes on and the secret can surface in its answer.
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`<!-- ${secret} -->`);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: (label) => `http://127.0.0.1:${port}/${label}/${randomUUID()}`,
    secret,
    hits: () => [...hits],
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
