// Shared by `validate metadata` and `validate submission`: the --preset option, reading a
// file with a size limit (too big is a finding, not a crash), and the preset's listed overrides.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { Option } from 'commander';
import type { Finding } from '../../model/finding.ts';
import { loadPreset, type Preset } from '../../validators/catalogue/presets.ts';
import { UsageError } from '../errors.ts';
import { packagePath } from '../../model/package-root.ts';

const PRESET_DIR = `${packagePath('suites/presets')}/`;

export function presetOption(): Option {
  return new Option(
    '--preset <NAME|FILE>',
    'programme preset: value sets and severities (suites/presets/<NAME>.yaml); every override is listed',
  ).default('mcwg');
}

export function resolvePreset(nameOrFile: string): Preset {
  const file = existsSync(nameOrFile) && statSync(nameOrFile).isFile() ? nameOrFile : `${PRESET_DIR}${nameOrFile}.yaml`;
  if (!existsSync(file)) throw new UsageError(`--preset ${nameOrFile}: no such preset file or suites/presets/${nameOrFile}.yaml`);
  try {
    return loadPreset(file);
  } catch (err) {
    throw new UsageError(`--preset ${nameOrFile}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** The file's bytes, or a finding when it is missing, unreadable or larger than maxBytes. */
export function readInput(file: string, maxBytes: number): Uint8Array | Finding {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return inputFinding(file, 'is a directory');
    size = st.size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UsageError(`${file}: no such file`);
    return inputFinding(file, (err as Error).message);
  }
  if (size > maxBytes) return inputFinding(file, `the file has ${size} bytes, more than the limit of ${maxBytes}`);
  try {
    return readFileSync(file);
  } catch (err) {
    return inputFinding(file, (err as Error).message);
  }
}

function inputFinding(file: string, why: string): Finding {
  return {
    ruleId: 'metadata.parse.input',
    reqIds: ['XDS-031'],
    severity: 'error',
    message: `cannot read the file: ${why}`,
    location: { artefact: file, path: '' },
  };
}

export function isFinding(x: Uint8Array | Finding): x is Finding {
  return !(x instanceof Uint8Array);
}

export function parseSize(text: string): number {
  const m = /^(\d+)\s*([kmg]i?b?)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`--max-size ${text}: expected a number of bytes, optionally with K, M or G`);
  const unit = (m[2] ?? '').toUpperCase()[0];
  return Number(m[1]) * (unit === 'K' ? 1024 : unit === 'M' ? 1024 ** 2 : unit === 'G' ? 1024 ** 3 : 1);
}
