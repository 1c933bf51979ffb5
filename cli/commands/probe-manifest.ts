// `mcwg probe wado-rs URL --manifest kos.dcm`: the WADO-RS client checks (RAD-107) driven by a
// KOS manifest, reported like `mcwg validate`: one entry for the manifest (its reading and its
// Retrieve URLs), then one per retrieve, named by its request line.
import { readFileSync } from 'node:fs';
import type { Finding } from '../../model/finding.ts';
import { fileResult, type FileResult } from '../../model/validation.ts';
import { checkWadoRs } from '../../simulators/clients/wado-rs.ts';
import { readKos } from '../../validators/kos/validate.ts';
import { UsageError } from '../errors.ts';
import type { Io } from '../io.ts';
import { emitValidation, type Format } from '../validate-output.ts';

export interface ProbeManifestOptions {
  manifest: string;
  retrieveUrls: boolean;
  timeoutMs: number;
  format: Format;
  out?: string;
}

export async function probeManifest(io: Io, baseUrl: string, o: ProbeManifestOptions): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(o.manifest);
  } catch (err) {
    throw new UsageError(`--manifest ${o.manifest}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const startedAt = new Date().toISOString();
  const emit = (files: FileResult[]) =>
    emitValidation(io, 'wado-rs', files, { format: o.format, startedAt, ...(o.out ? { out: o.out } : {}) });
  const read = readKos(bytes, o.manifest);
  if (!read.facts) {
    const findings: Finding[] = read.findings.length
      ? read.findings
      : [
          {
            ruleId: 'wado.manifest.unreadable',
            reqIds: ['WADO-014'],
            severity: 'error',
            message: 'no manifest facts could be read: nothing to retrieve',
            location: { artefact: o.manifest, path: '' },
          },
        ];
    return emit([fileResult(o.manifest, findings)]);
  }
  const res = await checkWadoRs({
    baseUrl,
    manifest: read.facts,
    useRetrieveUrls: o.retrieveUrls,
    manifestArtefact: o.manifest,
    timeoutMs: o.timeoutMs,
  });
  const byArtefact = new Map<string, Finding[]>([[o.manifest, [...read.findings]]]);
  for (const e of res.exchanges) byArtefact.set(e.request.summary ?? e.id, []);
  for (const f of res.findings) (byArtefact.get(f.location.artefact) ?? byArtefact.get(o.manifest)!).push(f);
  return emit([...byArtefact].map(([path, findings]) => fileResult(path, findings)));
}
