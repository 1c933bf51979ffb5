// `mcwg validate hl7 FILE... [--manifest kos.dcm]`: ER7 messages (plain or MLLP-framed), and
// report <-> manifest linkage when a KOS manifest is given.
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { accessionOfProfile, loadSutProfile } from '../../suites/profiles/profile.ts';
import { ConfigError } from '../../suites/profiles/yaml-config.ts';
import { accessionSetting, HL7_FIELD, type AccessionEncoding, type AccessionSetting } from '../../validators/hl7v2/accession-setting.ts';
import { hl7CtxOf } from '../../validators/hl7v2/view.ts';
import { fileResult, type FileResult } from '../../model/validation.ts';
import { validateHl7 } from '../../validators/hl7v2/validate.ts';
import { validateIidLinksHl7 } from '../../validators/iid/validate.ts';
import type { ManifestFacts } from '../../validators/manifest-facts.ts';
import { readKos } from '../../validators/kos/validate.ts';
import { UsageError } from '../errors.ts';
import { emitValidation, formatOption, outOption, type Format } from '../validate-output.ts';
import { listFiles } from './validate-kos.ts';
import type { RegisterValidate } from './validate.ts';

export interface AccessionOptions {
  sut?: string;
  accessionField?: string;
  accessionEncoding?: AccessionEncoding;
  accessionIssuer?: string;
}

/** The deployment's accession options (RIS-006), shared with `simulate ris`: the SUT profile's hl7 settings, flags override. */
export function addAccessionOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--sut <PROFILE>', 'SUT profile (YAML) whose hl7 settings say where the accession travels (as `mcwg run` reads them)'),
    )
    .addOption(new Option('--accession-field <FIELD>', 'field carrying the accession number (RIS-006); default OBR-18'))
    .addOption(
      new Option('--accession-encoding <ENC>', 'ST: the number alone (OBR-18 default); EI: number^^issuer OID^ISO in the field').choices([
        'ST',
        'EI',
      ]),
    )
    .addOption(new Option('--accession-issuer <OID>', "the deployment's agreed accession issuer OID, for an ST field"));
}

export function accessionFromOptions(o: AccessionOptions): AccessionSetting {
  let profile: AccessionSetting | undefined;
  if (o.sut) {
    try {
      profile = accessionOfProfile(loadSutProfile(o.sut));
    } catch (err) {
      throw new UsageError(err instanceof ConfigError ? err.problems.join('\n') : `--sut ${o.sut}: ${(err as Error).message}`);
    }
  }
  if (o.accessionField !== undefined && !HL7_FIELD.test(o.accessionField))
    throw new UsageError(`--accession-field ${o.accessionField}: must be a segment field such as OBR-18, OBR-3, IPC-1`);
  const field = o.accessionField ?? profile?.field;
  // A field named on the command line gets its own default encoding, not the profile's.
  const encoding = o.accessionEncoding ?? (o.accessionField === undefined ? profile?.encoding : undefined);
  return accessionSetting({ field, encoding, issuerOid: o.accessionIssuer ?? profile?.issuerOid });
}

export const registerValidateHl7: RegisterValidate = (validate, io, setExit) => {
  const cmd = validate
    .command('hl7')
    .description('check HL7 v2.5 ER7 messages (ORU^R01, MDM^T02, ORM^O01, OMI^O23, ADT A04/A08/A40)')
    .argument('<paths...>', 'one message per file (plain ER7 or one MLLP frame), or directories')
    .addOption(new Option('--manifest <KOS>', 'a KOS manifest (DICOM) to check patient, accession, order and study linkage against'))
    .addOption(new Option('--iid-links', 'also check the IHE IID viewer links the report carries (IID-001, IID-002, IID-005, LINK-011)'));
  addAccessionOptions(cmd)
    .addOption(formatOption())
    .addOption(outOption())
    .addHelpText(
      'after',
      `
Segments end with CR; LF line ends are an error (RIS-001).

Examples:
  mcwg validate hl7 report.hl7
  mcwg validate hl7 report.hl7 --manifest kos.dcm       report <-> manifest linkage (LINK-002..009)
  mcwg validate hl7 report.hl7 --iid-links              viewer links in OBX (IID-001, IID-002, IID-005, LINK-011)
  mcwg validate hl7 messages/ --format json --out report.json
  mcwg validate hl7 report.hl7 --sut report-source.yaml the deployment's accession field (hl7.accessionField)`,
    )
    .action(async (paths: string[], opts: AccessionOptions & { manifest?: string; iidLinks?: boolean; format: Format; out?: string }) => {
      const manifest = opts.manifest === undefined ? undefined : manifestFacts(opts.manifest);
      const ctx = { ...hl7CtxOf(accessionFromOptions(opts)), ...(manifest ? { manifest } : {}) };
      const results: FileResult[] = listFiles(paths).map((f) => {
        let bytes: Buffer;
        try {
          bytes = readFileSync(f);
        } catch (err) {
          return fileResult(f, [
            {
              ruleId: 'hl7.parse',
              reqIds: ['RIS-002'],
              severity: 'error',
              message: `cannot read the file: ${(err as Error).message}`,
              location: { artefact: f, path: '' },
            },
          ]);
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
  if (!r.facts)
    throw new UsageError(`--manifest ${path}: not a readable DICOM KOS (${r.findings.map((f) => f.message).join('; ') || 'no data set'})`);
  return r.facts;
}
