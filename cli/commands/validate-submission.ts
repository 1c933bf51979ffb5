// `mcwg validate submission FILE`: a whole ITI-41 / RAD-68 message (XML, SOAP, or MTOM
// multipart with or without its header block) or an ITI-65 Bundle: metadata, contained KOS,
// hash/size and consistency in one report.
import { Option } from 'commander';
import { fileResult } from '../../model/validation.ts';
import { presetFindings } from '../../validators/catalogue/presets.ts';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { validateSubmissionSource } from '../../validators/metadata/validate-submission.ts';
import { emitValidation, formatOption, outOption, type Format } from '../validate-output.ts';
import { isFinding, parseSize, presetOption, readInput, resolvePreset } from './metadata-input.ts';
import type { Finding } from '../../model/finding.ts';
import { UsageError } from '../errors.ts';
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
      const o = { valueSets: preset.valueSets, overrides: preset.overrides, mtomLimits: { maxTotalSize: max } };
      // MTOM bodies stream from disk under the MTOM size limits; XML and JSON are read whole
      // (after the size check).
      let findings;
      const head = readHead(file);
      if (isFinding(head)) findings = [head];
      else {
        findings = await validateSubmissionSource(
          {
            head,
            all: () => {
              const b = readInput(file, max);
              if (isFinding(b)) throw new Error(b.message);
              return b;
            },
            from: (start) => createReadStream(file, { start }),
          },
          file,
          o,
        ).catch((err: unknown) => [
          {
            ruleId: 'metadata.parse.input',
            reqIds: ['XDS-031'],
            severity: 'error' as const,
            message: (err as Error).message,
            location: { artefact: file, path: '' },
          },
        ]);
      }
      setExit(
        await emitValidation(io, 'submission', [fileResult(file, [...findings, ...presetFindings(preset, file)])], {
          format: opts.format,
          ...(opts.out ? { out: opts.out } : {}),
        }),
      );
    });
};

/** The first 4 KiB, enough to tell JSON, MTOM and XML apart; a missing file is a usage error. */
function readHead(file: string): Uint8Array | Finding {
  let fd: number;
  try {
    if (statSync(file).isDirectory()) throw new Error('is a directory');
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${file}: no such file`);
    return {
      ruleId: 'metadata.parse.input',
      reqIds: ['XDS-031'],
      severity: 'error',
      message: `cannot read the file: ${(err as Error).message}`,
      location: { artefact: file, path: '' },
    };
  }
  try {
    const buf = Buffer.alloc(4096);
    return buf.subarray(0, readSync(fd, buf, 0, 4096, 0));
  } finally {
    closeSync(fd);
  }
}
