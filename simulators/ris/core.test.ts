import { describe, expect, test } from 'vitest';
import { withField } from '../../fixtures/builders/hl7-variants.ts';
import { HL7_FIXTURES, oruR01 } from '../../fixtures/builders/hl7-messages.ts';
import { parseEr7 } from '../../protocols/hl7v2/er7-parser.ts';
import { valueAt, type Hl7Message } from '../../protocols/hl7v2/message.ts';
import { onFrame, onFramingError, peekControlId } from './core.ts';

const now = () => new Date('2025-01-01T00:00:00Z');
const utf8 = (s: string) => Buffer.from(s, 'utf8');

function acks(texts: string[]): Hl7Message[] {
  return texts.map((t) => {
    const r = parseEr7(t);
    if (!r.ok) throw new Error(r.message);
    return r.message;
  });
}

describe('onFrame (original mode)', () => {
  test.each(Object.keys(HL7_FIXTURES))('answers AA to a conformant %s with MSA-2 = MSH-10', (name) => {
    const r = onFrame(utf8(HL7_FIXTURES[name]!()), { now });
    expect(r.code).toBe('AA');
    const [a] = acks(r.acks);
    expect([valueAt(a!, 'MSA-1'), valueAt(a!, 'MSA-2'), a!.segments.some((s) => s.name === 'ERR')]).toEqual(['AA', 'MSG0001', false]);
  });

  test('answers AE with an ERR naming the field for a report without accession issuer, where the deployment puts it in the field (EI)', () => {
    const r = onFrame(utf8(withField(oruR01(), 'OBR-18.3', '')), { now, accessionEncoding: 'EI' });
    const [a] = acks(r.acks);
    expect(valueAt(a!, 'MSA-1')).toBe('AE');
    expect(valueAt(a!, 'ERR-2')).toBe('OBR^1^18^1^3');
    expect(valueAt(a!, 'ERR-3.1')).toBe('102');
    expect(valueAt(a!, 'ERR-4')).toBe('E');
    expect(valueAt(a!, 'ERR-8')).toContain('hl7.report.accession');
  });

  test('OBR-18 is ST by default (v2.5.1): the accession number alone is accepted', () => {
    const r = onFrame(utf8(withField(oruR01(), 'OBR-18', 'ACC001')), { now });
    expect(r.code).toBe('AA');
  });

  test('LF segment ends: AE with the finding when strict (default), AA with the finding kept as a warning when lenient', () => {
    const lf = utf8(oruR01().replace(/\r/g, '\n'));
    const strict = onFrame(lf, { now });
    expect([strict.code, strict.findings.map((f) => [f.ruleId, f.severity])]).toEqual([
      'AE',
      [['hl7.framing.segment-terminator', 'error']],
    ]);
    const lenient = onFrame(lf, { now, strictness: 'lenient' });
    expect([lenient.code, lenient.findings.map((f) => [f.ruleId, f.severity])]).toEqual([
      'AA',
      [['hl7.framing.segment-terminator', 'warning']],
    ]);
    expect(valueAt(acks(lenient.acks)[0]!, 'ERR-4')).toBe('W');
  });

  test.each([
    ['MSH-9', 'XYZ^Z99^XYZ_Z99', '200'],
    ['MSH-9', 'ORU^R30^ORU_R30', '201'],
    ['MSH-12', '2.3', '203'],
    ['MSH-11', 'X', '202'],
  ])('rejects %s = %s with AR and ERR-3 %s', (path, value, code) => {
    const [a] = acks(onFrame(utf8(withField(oruR01(), path, value)), { now }).acks);
    expect([valueAt(a!, 'MSA-1'), valueAt(a!, 'MSA-2'), valueAt(a!, 'ERR-3.1')]).toEqual(['AR', 'MSG0001', code]);
  });

  test('rejects an unparsable message with AR, recovering MSH-10 from the raw bytes', () => {
    const bad = Buffer.concat([utf8(oruR01()), Buffer.from([0xff])]);
    const [a] = acks(onFrame(bad, { now }).acks);
    expect([valueAt(a!, 'MSA-1'), valueAt(a!, 'MSA-2'), valueAt(a!, 'ERR-3.1')]).toEqual(['AR', 'MSG0001', '102']);
  });

  test('rejects a frame without MSH with AR 100', () => {
    const [a] = acks(onFrame(utf8('PID|1\r'), { now }).acks);
    expect([valueAt(a!, 'MSA-1'), valueAt(a!, 'MSA-2'), valueAt(a!, 'ERR-3.1')]).toEqual(['AR', '', '100']);
  });

  test('answers an 8859/1 message in 8859/1', () => {
    const m = withField(oruR01(), 'MSH-18', '8859/1');
    const r = onFrame(Buffer.from(m, 'latin1'), { now });
    expect([r.code, r.charset]).toEqual(['AA', 'latin1']);
  });
});

describe('onFrame (enhanced mode)', () => {
  const enhanced = (accept: string, app: string, change?: [string, string]) => {
    let m = withField(withField(oruR01(), 'MSH-15', accept), 'MSH-16', app);
    if (change) m = withField(m, change[0], change[1]);
    return acks(onFrame(utf8(m), { now }).acks).map((a) => valueAt(a, 'MSA-1'));
  };
  test('sends CA then AA for AL/AL', () => expect(enhanced('AL', 'AL')).toEqual(['CA', 'AA']));
  test('sends only the accept ACK for AL/NE', () => expect(enhanced('AL', 'NE')).toEqual(['CA']));
  test('sends nothing for NE/ER on success', () => expect(enhanced('NE', 'ER')).toEqual([]));
  test('sends AE for NE/ER on a processing error', () => expect(enhanced('NE', 'ER', ['OBR-25', 'Q'])).toEqual(['AE']));
  test('sends CR and no application ACK when rejected', () => expect(enhanced('ER', 'AL', ['MSH-12', '2.3'])).toEqual(['CR']));
  test('sends AA only for SU/SU on success', () => expect(enhanced('NE', 'SU')).toEqual(['AA']));
});

describe('onFramingError', () => {
  test('NAKs a truncated frame with AR and the recovered control id', () => {
    const [a] = acks(onFramingError('truncated', 'no end block', utf8(oruR01().slice(0, 120)), { now }).acks);
    expect([valueAt(a!, 'MSA-1'), valueAt(a!, 'MSA-2'), valueAt(a!, 'ERR-3.1')]).toEqual(['AR', 'MSG0001', '100']);
    expect(valueAt(a!, 'ERR-8')).toContain('no end block');
  });

  test('peekControlId gives up on non-MSH heads', () => {
    expect(peekControlId(utf8('garbage|||||||||x'))).toBe('');
  });
});
