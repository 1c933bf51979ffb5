import { describe, expect, test } from 'vitest';
import { csvCell, renderCsv } from './csv.ts';
import { sampleRun } from './sample-run.ts';

/** A small RFC 4180 reader, enough to prove the output round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

describe('renderCsv', () => {
  test('writes a header and one CRLF-terminated row per requirement, in ID order', () => {
    const rows = parseCsv(renderCsv(sampleRun()));
    expect(rows[0]).toEqual(['id', 'level', 'title', 'state', 'tests', 'errors', 'warnings', 'waived', 'label']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['KOS-010', 'KOS-014', 'KOS-022', 'RIS-001', 'WADO-001', 'WADO-002', 'XDS-001']);
    expect(rows.find((r) => r[0] === 'KOS-022')).toEqual([
      'KOS-022',
      'SHALL',
      'Retrieve URL on every series',
      'fail',
      'kos.retrieve-url',
      '1',
      '1',
      'Programme accepts WADO-URI for "now" =cmd',
      'Imaging Document Source: fail, label incomplete',
    ]);
    // Every role decision is in the CSV, an ineligible one with its reason.
    expect(rows.find((r) => r[0] === 'WADO-002')?.[8]).toBe(
      'WADO-RS Source: omit not applicable, label not-eligible (not eligible: the role requires option <XDS-I.b>, which the SUT does not declare)',
    );
  });

  test('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(3)).toBe('3');
  });

  test('neutralises cells that start a spreadsheet formula', () => {
    for (const evil of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1']) {
      expect(csvCell(evil).replace(/^"/, '').startsWith("'")).toBe(true);
    }
    const run = sampleRun();
    run.requirements[0]!.title = '=cmd|"/c calc"!A0';
    const row = parseCsv(renderCsv(run)).find((r) => r[0] === run.requirements[0]!.id);
    expect(row?.[2]).toBe(`'=cmd|"/c calc"!A0`);
  });
});
