// `mcwg probe wado-rs URL --study UID`: availability and latency of an image source (GW-012).
// `mcwg probe wado-rs URL --manifest kos.dcm`: the WADO-RS client checks a KOS manifest drives.
import { probeWadoRs } from '../../simulators/clients/wado-rs-probe.ts';
import { EXIT, UsageError } from '../errors.ts';
import type { Register } from '../program.ts';
import { formatOption, outOption, type Format } from '../validate-output.ts';
import { probeManifest } from './probe-manifest.ts';

const int =
  (name: string) =>
  (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`${name} ${v}: expected a non-negative integer`);
    return n;
  };

export const registerProbe: Register = (program, io, setExit) => {
  const probe = program.command('probe').description('check that a source answers, with latency figures (operations-centre monitoring)');
  probe
    .command('wado-rs')
    .description(
      'with --study: retrieve a known study up to its first instance, exit 1 when unavailable; with --manifest: run the WADO-RS client checks of a KOS manifest, exit 1 on errors',
    )
    .argument('<URL>', 'WADO-RS base URL, e.g. http://pacs.example/dicom-web')
    .option('--study <UID>', 'Study Instance UID known to the source (availability probe)')
    .option('--manifest <FILE>', 'KOS manifest: retrieve its study, series and instances and check them (RAD-107)')
    .option(
      '--retrieve-urls',
      'with --manifest: retrieve series from their Retrieve URLs (0008,1190), the MCWG way, and check those',
      false,
    )
    .option('--count <N>', 'number of probes (--study)', int('--count'), 1)
    .option('--interval <MS>', 'pause between probes (--study)', int('--interval'), 1000)
    .option('--timeout <MS>', 'per probe (default 10000), or per retrieve with --manifest (default 120000)', int('--timeout'))
    .addOption(formatOption())
    .addOption(outOption())
    .addHelpText(
      'after',
      `
--study prints text or json; --manifest prints findings like \`mcwg validate\` (text, json, junit, html).

Examples:
  mcwg probe wado-rs http://127.0.0.1:8042/dicom-web --study 1.2.3.4
  mcwg probe wado-rs https://gw.example/dicom-web --study 1.2.3.4 --count 10 --format json
  mcwg probe wado-rs https://pacs.example/dicom-web --manifest kos.dcm --retrieve-urls
  mcwg probe wado-rs https://pacs.example/dicom-web --manifest kos.dcm --format junit --out wado.xml`,
    )
    .action(
      async (
        url: string,
        o: {
          study?: string;
          manifest?: string;
          retrieveUrls: boolean;
          count: number;
          interval: number;
          timeout?: number;
          format: Format;
          out?: string;
        },
      ) => {
        if (!/^https?:\/\//.test(url)) throw new UsageError(`${url}: expected an http(s) URL`);
        if ((o.study === undefined) === (o.manifest === undefined))
          throw new UsageError('probe wado-rs needs one of --study UID or --manifest FILE');
        if (o.manifest !== undefined) {
          setExit(
            await probeManifest(io, url, {
              manifest: o.manifest,
              retrieveUrls: o.retrieveUrls,
              timeoutMs: o.timeout ?? 120_000,
              format: o.format,
              ...(o.out ? { out: o.out } : {}),
            }),
          );
          return;
        }
        if (o.format !== 'text' && o.format !== 'json') throw new UsageError(`--format ${o.format}: --study prints text or json`);
        if (o.out !== undefined) throw new UsageError('--out goes with --manifest');
        if (o.retrieveUrls) throw new UsageError('--retrieve-urls goes with --manifest');
        const res = await probeWadoRs(url, o.study!, {
          count: Math.max(1, o.count),
          intervalMs: o.interval,
          timeoutMs: o.timeout ?? 10_000,
        });
        if (o.format === 'json') io.out(`${JSON.stringify(res, null, 2)}\n`);
        else {
          for (const s of res.samples) {
            io.out(
              `${s.ok ? 'up  ' : 'DOWN'} ${res.url} status=${s.status ?? '-'} headers=${s.headersMs ?? '-'}ms first-instance=${s.firstPartMs ?? '-'}ms${s.error ? ` ${s.error}` : ''}\n`,
            );
          }
          if (res.latency)
            io.out(`latency to first instance: min ${res.latency.min} ms, median ${res.latency.median} ms, max ${res.latency.max} ms\n`);
          for (const f of res.findings) io.out(`${f.severity.toUpperCase()} [${f.reqIds.join(',')}] ${f.message}\n`);
        }
        setExit(res.available ? EXIT.ok : EXIT.failures);
      },
    );
};
