// `mcwg validate hl7 FILE... [--manifest kos.dcm]`: ER7 messages (plain or MLLP-framed), and
// report <-> manifest linkage when a KOS manifest is given.
import { readFileSync } from 'node:fs';
import { Option } from 'commander';
import { fileResult, type FileResult } from '../../model/validation.ts';
import { validateHl7 } from '../../validators/hl7v2/validate.ts';
import { validateIidLinksHl7 } from '../../validators/iid/validate.ts';
import type { ManifestFacts } from '../../validators/manifest-facts.ts';
import { readKos } from '../../validators/kos/validate.ts';
import { UsageError } from '../errors.ts';
import { emitValidation, formatOption, outOption, type Format } from '../validate-output.ts';
import { listFiles } from './validate-kos.ts';
import type { RegisterValidate } from './validate.ts';

const ACCESSION_FIELDS = ['OBR-18', 'OBR-3'];

export const registerValidateHl7: RegisterValidate = (validate, io, setExit) => {
  validate
    .command('hl7')
    .description('check HL7 v2.5 ER7 messages (ORU^R01, MDM^T02, ORM^O01, OMI^O23, ADT A04/A08/A40)')
    .argument('<paths...>', 'one message per file (plain ER7 or one MLLP frame), or directories')
    .addOption(new Option('--manifest <KOS>', 'a KOS manifest (DICOM) to check patient, accession, order and study linkage against'))
    .addOption(new Option('--iid-links', 'also check the IHE IID viewer links the report carries (IID-001, IID-002, IID-005, LINK-011)'))
    .addOption(new Option('--accession-field <FIELD>', 'field carrying the accession number (RIS-006)').choices(ACCESSION_FIELDS).default('OBR-18'))
    .addOption(formatOption())
    .addOption(outOption())
    .addHelpText(
      'after',
      `
LF line ends in a file are a warning (editors rewrite them); on the wire they are an error.

Examples:
  mcwg validate hl7 report.hl7
  mcwg validate hl7 report.hl7 --manifest kos.dcm       report <-> manifest linkage (LINK-002..009)
  mcwg validate hl7 report.hl7 --iid-links              viewer links in OBX (IID-001, IID-002, IID-005, LINK-011)
  mcwg validate hl7 messages/ --format json --out report.json`,
    )
    .action(async (paths: string[], opts: { manifest?: string; iidLinks?: boolean; accessionField: string; format: Format; out?: string }) => {
      const manifest = opts.manifest === undefined ? undefined : manifestFacts(opts.manifest);
      const ctx = { accessionField: opts.accessionField, ...(manifest ? { manifest } : {}) };
      const results: FileResult[] = listFiles(paths).map((f) => {
        let bytes: Buffer;
        try {
          bytes = readFileSync(f);
        } catch (err) {
          return fileResult(f, [{ ruleId: 'hl7.parse', reqIds: ['RIS-002'], severity: 'error', message: `cannot read the file: ${(err as Error).message}`, location: { artefact: f, path: '' } }]);
        }
        return fileResult(f, [...validateHl7(bytes, f, ctx, 'file'), ...(opts.iidLinks ? validateIidLinksHl7(bytes, f) : [])]);
      });
      setExit(await emitValidation(io, 'hl7', results, { format: opts.format, ...(opts.out ? { out: opts.out } : {}) }));
    });
};

function manifestFacts(path: string): ManifestFacts {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new UsageError(`--manifest ${path}: ${(err as Error).message}`);
  }
  const r = readKos(bytes, path);
  if (!r.facts) throw new UsageError(`--manifest ${path}: not a readable DICOM KOS (${r.findings.map((f) => f.message).join('; ') || 'no data set'})`);
  return r.facts;
}
