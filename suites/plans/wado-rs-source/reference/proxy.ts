// A pass-through HTTP proxy in front of the reference WADO-RS source that injects one protocol
// defect the simulator itself does not offer: it rewrites the request's Accept, the response
// status or the response Content-Type. Bodies are streamed through untouched.
import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyDefect = 'accepts-bogus-syntax' | 'wrong-content-type' | 'malformed-uid-404' | 'overload-500' | 'buffers-body';

/** overload-500: how many of the load test's requests may be in flight before the 500s start. */
const OVERLOAD_AT = 4;
const LOAD_HEADER = 'x-mcwg-load-test';

export interface DefectProxy {
  url: string;
  stop(): Promise<void>;
}

export async function startDefectProxy(target: string, defect: ProxyDefect): Promise<DefectProxy> {
  const to = new URL(target);
  let inFlight = 0;
  const server = createServer((req, res) => {
    // Only the load test's requests count, so the plan's other tests running alongside are
    // not refused (the defect is the status under load, not load from elsewhere).
    if (defect === 'overload-500' && req.headers[LOAD_HEADER] !== undefined) {
      if (inFlight >= OVERLOAD_AT) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('Internal Server Error');
        return;
      }
      inFlight++;
      res.on('close', () => void inFlight--);
    }
    const headers: IncomingHttpHeaders = { ...req.headers, host: to.host };
    // Drop the transfer-syntax the source would refuse: it then answers with its default.
    if (defect === 'accepts-bogus-syntax' && headers.accept) headers.accept = headers.accept.replace(/;\s*transfer-syntax=1\.2\.3\.4/g, '');
    const up = request({ host: to.hostname, port: to.port, method: req.method, path: req.url, headers }, (upRes) => {
      let status = upRes.statusCode ?? 502;
      const out = { ...upRes.headers };
      if (defect === 'malformed-uid-404' && status === 400) status = 404;
      if (defect === 'wrong-content-type' && status === 200 && typeof out['content-type'] === 'string')
        out['content-type'] = out['content-type'].replace(/type="?application\/dicom"?/, 'type="application/octet-stream"');
      if (defect === 'buffers-body' && status === 200) {
        // Whole body first, then one write with its length.
        const chunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => chunks.push(c));
        upRes.on('end', () => {
          const body = Buffer.concat(chunks);
          delete out['transfer-encoding'];
          res.writeHead(status, { ...out, 'content-length': String(body.length) });
          res.end(body);
        });
        return;
      }
      res.writeHead(status, out);
      upRes.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
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
