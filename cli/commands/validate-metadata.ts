// `mcwg validate metadata FILE...`: ebRIM XML (SubmitObjectsRequest, ProvideAndRegister,
// AdhocQueryResponse, in SOAP or bare) or MHD JSON (Bundle, DocumentReference), told apart
// by content.
import { Option } from 'commander';
import { fileResult, type FileResult } from '../../model/validation.ts';
import { presetFindings } from '../../validators/catalogue/presets.ts';
import { validateEbrimXml } from '../../validators/metadata/validate-ebrim.ts';
import { validateFhirJson } from '../../validators/metadata/validate-fhir.ts';
import { emitValidation, formatOption, outOption, type Format } from '../validate-output.ts';
import { isFinding, parseSize, presetOption, readInput, resolvePreset } from './metadata-input.ts';
import type { RegisterValidate } from './validate.ts';

export const registerValidateMetadata: RegisterValidate = (validate, io, setExit) => {
  validate
    .command('metadata')
    .description('check XDS ebRIM metadata or MHD DocumentReferences against XDS, XDS-I.b and the MCWG value sets')
    .argument('<files...>', 'XML (ebRIM, SOAP) or JSON (FHIR) files; the kind is detected from the content')
    .addOption(presetOption())
    .addOption(new Option('--max-size <BYTES>', 'refuse larger files with a finding').default('64M'))
    .addOption(formatOption())
    .addOption(outOption())
    .addHelpText(
      'after',
      `
Every finding names an XPath (ebRIM) or a FHIRPath (MHD). Query responses are checked as
registry content (hash, size and repositoryUniqueId required); submissions as source content.

Examples:
  mcwg validate metadata submit.xml
  mcwg validate metadata query-response.xml documentreference.json --format json
  mcwg validate metadata submit.xml --preset suites/presets/mcwg.yaml`,
    )
    .action(async (files: string[], opts: { preset: string; maxSize: string; format: Format; out?: string }) => {
      const preset = resolvePreset(opts.preset);
      const max = parseSize(opts.maxSize);
      const results: FileResult[] = files.map((f) => {
        const bytes = readInput(f, max);
        if (isFinding(bytes)) return fileResult(f, [bytes]);
        const o = { valueSets: preset.valueSets, overrides: preset.overrides, limits: { maxBytes: max } };
        const findings = looksLikeJson(bytes) ? validateFhirJson(bytes, f, o).findings : validateEbrimXml(bytes, f, o).findings;
        return fileResult(f, [...findings, ...presetFindings(preset, f)]);
      });
      setExit(await emitValidation(io, 'metadata', results, { format: opts.format, ...(opts.out ? { out: opts.out } : {}) }));
    });
};

function looksLikeJson(bytes: Uint8Array): boolean {
  for (const b of bytes.subarray(0, 64)) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf) continue;
    return b === 0x7b || b === 0x5b;
  }
  return false;
}
