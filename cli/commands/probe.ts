// `mcwg probe wado-rs URL --study UID`: availability and latency of an image source (GW-012).
import { Option } from 'commander';
import { probeWadoRs } from '../../simulators/clients/wado-rs-probe.ts';
import { EXIT, UsageError } from '../errors.ts';
import type { Register } from '../program.ts';

const int = (name: string) => (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} ${v}: expected a non-negative integer`);
  return n;
};

export const registerProbe: Register = (program, io, setExit) => {
  const probe = program.command('probe').description('check that a source answers, with latency figures (operations-centre monitoring)');
  probe
    .command('wado-rs')
    .description('retrieve a known study from a WADO-RS base URL up to its first instance; exit 1 when unavailable')
    .argument('<URL>', 'WADO-RS base URL, e.g. http://pacs.example/dicom-web')
    .requiredOption('--study <UID>', 'Study Instance UID known to the source')
    .option('--count <N>', 'number of probes', int('--count'), 1)
    .option('--interval <MS>', 'pause between probes', int('--interval'), 1000)
    .option('--timeout <MS>', 'per probe', int('--timeout'), 10_000)
    .addOption(new Option('--format <FORMAT>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Examples:
  mcwg probe wado-rs http://127.0.0.1:8042/dicom-web --study 1.2.3.4
  mcwg probe wado-rs https://gw.example/dicom-web --study 1.2.3.4 --count 10 --format json`,
    )
    .action(async (url: string, o: { study: string; count: number; interval: number; timeout: number; format: string }) => {
      if (!/^https?:\/\//.test(url)) throw new UsageError(`${url}: expected an http(s) URL`);
      const res = await probeWadoRs(url, o.study, { count: Math.max(1, o.count), intervalMs: o.interval, timeoutMs: o.timeout });
      if (o.format === 'json') io.out(`${JSON.stringify(res, null, 2)}\n`);
      else {
        for (const s of res.samples) {
          io.out(`${s.ok ? 'up  ' : 'DOWN'} ${res.url} status=${s.status ?? '-'} headers=${s.headersMs ?? '-'}ms first-instance=${s.firstPartMs ?? '-'}ms${s.error ? ` ${s.error}` : ''}\n`);
        }
        if (res.latency) io.out(`latency to first instance: min ${res.latency.min} ms, median ${res.latency.median} ms, max ${res.latency.max} ms\n`);
        for (const f of res.findings) io.out(`${f.severity.toUpperCase()} [${f.reqIds.join(',')}] ${f.message}\n`);
      }
      setExit(res.available ? EXIT.ok : EXIT.failures);
    });
};
