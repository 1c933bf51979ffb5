// `mcwg validate submission FILE`: a whole ITI-41 / RAD-68 message (XML, SOAP, or MTOM
// multipart with or without its header block) or an ITI-65 Bundle: metadata, contained KOS,
// hash/size and consistency in one report.
import { Option } from 'commander';
import { fileResult } from '../../model/validation.ts';
import { presetFindings } from '../../validators/catalogue/presets.ts';
import { validateSubmission } from '../../validators/metadata/validate-submission.ts';
import { emitValidation, formatOption, outOption, type Format } from '../validate-output.ts';
import { isFinding, parseSize, presetOption, readInput, resolvePreset } from './metadata-input.ts';
import type { RegisterValidate } from './validate.ts';

export const registerValidateSubmission: RegisterValidate = (validate, io, setExit) => {
  validate
    .command('submission')
    .description('check a whole ITI-41 / RAD-68 submission (SOAP, MTOM) or ITI-65 Bundle: metadata, contained KOS, hash/size, consistency')
    .argument('<file>', 'the captured message; MTOM is recognised by its MIME boundary, JSON by its first character')
    .addOption(presetOption())
    .addOption(new Option('--max-size <BYTES>', 'refuse a larger message with a finding').default('512M'))
    .addOption(formatOption())
    .addOption(outOption())
    .addHelpText(
      'after',
      `
Examples:
  mcwg validate submission pnr.mime                 MTOM message (headers optional)
  mcwg validate submission pnr.xml --format json    SOAP envelope or bare ProvideAndRegister
  mcwg validate submission bundle.json              ITI-65 Provide Document Bundle`,
    )
    .action(async (file: string, opts: { preset: string; maxSize: string; format: Format; out?: string }) => {
      const preset = resolvePreset(opts.preset);
      const max = parseSize(opts.maxSize);
      const bytes = readInput(file, max);
      const findings = isFinding(bytes) ? [bytes] : await validateSubmission(bytes, file, { valueSets: preset.valueSets, overrides: preset.overrides, mtomLimits: { maxTotalSize: max } });
      setExit(await emitValidation(io, 'submission', [fileResult(file, [...findings, ...presetFindings(preset, file)])], { format: opts.format, ...(opts.out ? { out: opts.out } : {}) }));
    });
};
