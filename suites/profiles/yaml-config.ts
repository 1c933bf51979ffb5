// Loads a YAML configuration file and checks it with a zod schema; every problem comes back
// as `file:line:column: path: message`, the position taken from the YAML node it concerns.
import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.join('\n'));
  }
}

export function parseConfig<S extends z.ZodType>(schema: S, text: string, file: string): z.infer<S> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return `${file}:1:1`;
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length > 0)
    throw new ConfigError(
      file,
      doc.errors.map((e) => `${at(e.pos[0])}: ${e.message.split('\n')[0]}`),
    );
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    // An unknown key is reported at the key itself, one line each, so a typo is easy to find.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => `${at(keyOffset(doc, path, k) ?? offsetOf(doc, path))}: ${[...path, k].join('.')}: unknown key`);
    }
    return [`${at(offsetOf(doc, path))}: ${path.join('.') || '(top)'}: ${issue.message}`];
  });
  throw new ConfigError(file, problems);
}

export function loadConfig<S extends z.ZodType>(schema: S, file: string): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, [`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  return parseConfig(schema, text, file);
}

/** The deepest node along the path that exists: a missing key points at its parent. */
function offsetOf(doc: Document, path: string[]): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}

function keyOffset(doc: Document, path: string[], key: string): number | undefined {
  const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  return isNode(pair?.key) ? pair.key.range?.[0] : undefined;
}
