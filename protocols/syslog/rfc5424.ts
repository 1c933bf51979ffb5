// RFC 5424 syslog message parser: HEADER SP STRUCTURED-DATA [SP MSG] (§6). Returns the fields
// or the first violation with its octet offset; never throws.

export interface SdElement {
  id: string;
  params: [name: string, value: string][];
}

export interface SyslogMessage {
  /** PRI value 0..191 = facility * 8 + severity. */
  pri: number;
  facility: number;
  severity: number;
  version: number;
  /** RFC 3339 text as sent, or null for NILVALUE. */
  timestamp: string | null;
  hostname: string | null;
  appName: string | null;
  procId: string | null;
  msgId: string | null;
  structuredData: SdElement[];
  /** MSG octets after the BOM (when present); empty when no MSG. */
  msg: Uint8Array;
  /** MSG began with the UTF-8 BOM, so it is UTF-8 (§6.4). */
  bom: boolean;
}

export type SyslogParseResult = { ok: true; message: SyslogMessage } | { ok: false; field: string; offset: number; message: string };

class Bad extends Error {
  constructor(
    readonly field: string,
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const NIL = '-';
// FULL-DATE "T" FULL-TIME, TIME-SECFRAC at most 6 digits, TIME-OFFSET "Z" or +/-hh:mm (§6.2.3).
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

export function parseSyslog(bytes: Uint8Array): SyslogParseResult {
  try {
    return { ok: true, message: new Reader(bytes).message() };
  } catch (e) {
    if (e instanceof Bad) return { ok: false, field: e.field, offset: e.offset, message: e.message };
    return { ok: false, field: 'message', offset: 0, message: String(e) };
  }
}

class Reader {
  private pos = 0;
  constructor(private readonly b: Uint8Array) {}

  message(): SyslogMessage {
    const { pri } = this.priAndVersionStart();
    const version = this.version();
    this.sp('VERSION');
    const timestamp = this.timestamp();
    this.sp('TIMESTAMP');
    const hostname = this.token('HOSTNAME', 255);
    this.sp('HOSTNAME');
    const appName = this.token('APP-NAME', 48);
    this.sp('APP-NAME');
    const procId = this.token('PROCID', 128);
    this.sp('PROCID');
    const msgId = this.token('MSGID', 32);
    this.sp('MSGID');
    const structuredData = this.structuredData();
    let msg: Uint8Array = new Uint8Array(0);
    let bom = false;
    if (this.pos < this.b.length) {
      this.sp('STRUCTURED-DATA');
      msg = this.b.subarray(this.pos);
      if (msg[0] === 0xef && msg[1] === 0xbb && msg[2] === 0xbf) {
        bom = true;
        msg = msg.subarray(3);
        if (!isUtf8(msg)) throw new Bad('MSG', this.pos + 3, 'MSG starts with a BOM but is not valid UTF-8 (RFC 5424 §6.4)');
      }
    }
    return { pri, facility: pri >> 3, severity: pri & 7, version, timestamp, hostname, appName, procId, msgId, structuredData, msg, bom };
  }

  private priAndVersionStart(): { pri: number } {
    if (this.b[0] !== 0x3c) throw new Bad('PRI', 0, "message must start with '<' (PRI)");
    const close = this.b.indexOf(0x3e, 1);
    const digits = close < 0 ? '' : this.text(1, close);
    if (!/^(0|[1-9]\d{0,2})$/.test(digits) || Number(digits) > 191)
      throw new Bad(
        'PRI',
        1,
        `PRI must be 0..191 without leading zeros; found ${JSON.stringify(digits || this.text(1, Math.min(5, this.b.length)))}`,
      );
    this.pos = close + 1;
    return { pri: Number(digits) };
  }

  private version(): number {
    const start = this.pos;
    while (isDigit(this.b[this.pos])) this.pos++;
    const v = this.text(start, this.pos);
    if (v !== '1') throw new Bad('VERSION', start, `VERSION must be 1 (RFC 5424); found ${JSON.stringify(v)}`);
    return 1;
  }

  private timestamp(): string | null {
    const start = this.pos;
    const t = this.word();
    if (t === NIL) return null;
    const m = TIMESTAMP.exec(t);
    if (!m || !validDate(m))
      throw new Bad('TIMESTAMP', start, `TIMESTAMP must be RFC 3339 (e.g. 2026-12-03T06:19:42.123Z) or '-'; found ${JSON.stringify(t)}`);
    return t;
  }

  private token(field: string, max: number): string | null {
    const start = this.pos;
    const t = this.word();
    if (t === '') throw new Bad(field, start, `${field} is empty; use '-' for no value`);
    if (t.length > max) throw new Bad(field, start, `${field} is ${t.length} characters; at most ${max}`);
    for (let i = start; i < this.pos; i++)
      if (this.b[i]! < 33 || this.b[i]! > 126) throw new Bad(field, i, `${field} must be printable US-ASCII (33..126)`);
    return t === NIL ? null : t;
  }

  private structuredData(): SdElement[] {
    if (this.b[this.pos] === 0x2d && (this.pos + 1 === this.b.length || this.b[this.pos + 1] === 0x20)) {
      this.pos++;
      return [];
    }
    const out: SdElement[] = [];
    if (this.b[this.pos] !== 0x5b) throw new Bad('STRUCTURED-DATA', this.pos, "STRUCTURED-DATA must be '-' or start with '['");
    while (this.b[this.pos] === 0x5b) {
      this.pos++;
      const id = this.sdName('SD-ID');
      const params: [string, string][] = [];
      while (this.b[this.pos] === 0x20) {
        this.pos++;
        const name = this.sdName('PARAM-NAME');
        if (this.b[this.pos++] !== 0x3d || this.b[this.pos++] !== 0x22)
          throw new Bad('SD-PARAM', this.pos - 1, `SD-PARAM ${name} must be name="value"`);
        params.push([name, this.paramValue()]);
      }
      if (this.b[this.pos] !== 0x5d) throw new Bad('SD-ELEMENT', this.pos, `SD-ELEMENT [${id} …] is not closed with ']'`);
      this.pos++;
      out.push({ id, params });
    }
    return out;
  }

  private sdName(field: string): string {
    const start = this.pos;
    // SD-NAME: 1*32 PRINTUSASCII except '=', SP, ']' and '"' (§6.3.2).
    while (this.pos < this.b.length && this.b[this.pos]! > 32 && this.b[this.pos]! < 127 && ![0x3d, 0x5d, 0x22].includes(this.b[this.pos]!))
      this.pos++;
    const n = this.text(start, this.pos);
    if (n.length < 1 || n.length > 32)
      throw new Bad(field, start, `${field} must be 1..32 printable characters; found ${JSON.stringify(n)}`);
    return n;
  }

  private paramValue(): string {
    // '"', '\' and ']' are escaped with '\'; any other backslash stays as written (§6.3.3).
    const start = this.pos;
    const parts: number[] = [];
    for (;;) {
      const c = this.b[this.pos];
      if (c === undefined) throw new Bad('PARAM-VALUE', start, "PARAM-VALUE is not closed with '\"'");
      if (c === 0x22) break;
      if (c === 0x5c && [0x22, 0x5c, 0x5d].includes(this.b[this.pos + 1] ?? -1)) this.pos++;
      else if (c === 0x5d) throw new Bad('PARAM-VALUE', this.pos, "']' inside PARAM-VALUE must be escaped as '\\]'");
      parts.push(this.b[this.pos]!);
      this.pos++;
    }
    this.pos++;
    const v = new Uint8Array(parts);
    if (!isUtf8(v)) throw new Bad('PARAM-VALUE', start, 'PARAM-VALUE must be UTF-8');
    return new TextDecoder().decode(v);
  }

  private sp(after: string): void {
    if (this.b[this.pos] !== 0x20) throw new Bad(after, this.pos, `expected a single space after ${after}`);
    this.pos++;
  }

  private word(): string {
    const start = this.pos;
    while (this.pos < this.b.length && this.b[this.pos] !== 0x20) this.pos++;
    return this.text(start, this.pos);
  }

  private text(a: number, z: number): string {
    return new TextDecoder('latin1').decode(this.b.subarray(a, z));
  }
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function validDate(m: RegExpExecArray): boolean {
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const days = new Date(Date.UTC(y!, mo!, 0)).getUTCDate();
  // Leap seconds (60) are not allowed by RFC 5424 §6.2.3.1 (RFC 3339 would allow them).
  return mo! >= 1 && mo! <= 12 && d! >= 1 && d! <= days && h! <= 23 && mi! <= 59 && s! <= 59;
}

function isUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}
