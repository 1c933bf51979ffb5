// ER7 escape sequences (HL7 v2.5 Chapter 2.7): delimiters inside data travel as \F\ \S\ \T\
// \R\ \E\, hex data as \Xhh..\. Formatting (\.br\, \H\) and charset switches (\C..\, \M..\)
// are not delimiters, so they are kept verbatim for the application to interpret.
import type { Separators } from './separators.ts';

export function unescapeValue(raw: string, s: Separators): string {
  const e = s.escape;
  if (!raw.includes(e)) return raw;
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const ch = raw[i]!;
    if (ch !== e) {
      out += ch;
      i++;
      continue;
    }
    const close = raw.indexOf(e, i + 1);
    if (close < 0) {
      // A lone escape character: keep it rather than lose data.
      out += raw.slice(i);
      break;
    }
    const code = raw.slice(i + 1, close);
    out += expand(code, s) ?? raw.slice(i, close + 1);
    i = close + 1;
  }
  return out;
}

function expand(code: string, s: Separators): string | undefined {
  switch (code) {
    case 'F':
      return s.field;
    case 'S':
      return s.component;
    case 'T':
      return s.subcomponent;
    case 'R':
      return s.repetition;
    case 'E':
      return s.escape;
    case 'P':
      return s.truncation;
  }
  if (/^X([0-9A-Fa-f]{2})+$/.test(code)) {
    let text = '';
    for (let j = 1; j < code.length; j += 2) text += String.fromCharCode(parseInt(code.slice(j, j + 2), 16));
    return text;
  }
  return undefined;
}

export function escapeValue(value: string, s: Separators): string {
  if (!needsEscape(value, s)) return value;
  let out = '';
  for (const ch of value) {
    if (ch === s.escape) out += `${s.escape}E${s.escape}`;
    else if (ch === s.field) out += `${s.escape}F${s.escape}`;
    else if (ch === s.component) out += `${s.escape}S${s.escape}`;
    else if (ch === s.subcomponent) out += `${s.escape}T${s.escape}`;
    else if (ch === s.repetition) out += `${s.escape}R${s.escape}`;
    else if (ch === '\r') out += `${s.escape}X0D${s.escape}`;
    else out += ch;
  }
  return out;
}

function needsEscape(value: string, s: Separators): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === s.escape || c === s.field || c === s.component || c === s.subcomponent || c === s.repetition || c === '\r') return true;
  }
  return false;
}
