// Every hand-written audit message (fixtures/audit, one per transaction) passes the audit
// profile clean; each one-change variant fails exactly the rule it targets, at its location.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { validateAudit } from '../validate.ts';
import { readAudit } from '../view.ts';
import { AUDIT_CASES } from './broken-cases.ts';

const DIR = join(import.meta.dirname, '../../../fixtures/audit');
const fixture = (name: string) => readFileSync(join(DIR, `${name}.xml`), 'utf8');
const TRANSACTIONS = readdirSync(DIR)
  .filter((f) => f.endsWith('.xml'))
  .map((f) => f.slice(0, -4));

describe('conformant audit messages', () => {
  test('there is one per audited transaction', () => {
    expect(TRANSACTIONS.sort()).toEqual([
      'iti-18',
      'iti-38',
      'iti-39',
      'iti-41',
      'iti-42',
      'iti-43',
      'iti-65',
      'iti-66',
      'iti-67',
      'iti-68',
      'rad-107',
      'rad-68',
      'rad-69',
      'rad-75',
    ]);
  });

  test.each(TRANSACTIONS)('%s passes clean, checked against its transaction', (name) => {
    expect(validateAudit(fixture(name), `${name}.xml`, { transaction: name.toUpperCase() })).toEqual([]);
  });

  test.each(TRANSACTIONS)('%s passes clean with the transaction inferred from the message', (name) => {
    expect(validateAudit(fixture(name), `${name}.xml`)).toEqual([]);
  });

  test('the reader decodes attributes, codes and the query', () => {
    const v = readAudit(fixture('iti-18'));
    expect(v.objects[0]).toMatchObject({
      id: 'PAT-4711^^^&1.2.3.4.5.6&ISO',
      typeCode: '1',
      idTypeCode: { code: '2', codeSystemName: 'RFC-3881' },
    });
    expect(Buffer.from(v.objects[1]!.query!, 'base64').toString()).toContain('AdhocQueryRequest');
  });
});

describe('one-change variants fail exactly one rule', () => {
  test.each(AUDIT_CASES)('$name ($base) → $ruleId', ({ base, from, to, ruleId, path }) => {
    const xml = fixture(base);
    const changed = xml.replace(from, to);
    expect(changed).not.toBe(xml);
    const findings = validateAudit(changed, 'x.xml', { transaction: base.toUpperCase() });
    expect(findings.map((f) => [f.ruleId, f.location.path])).toEqual([[ruleId, path]]);
  });

  test('a message checked against the wrong transaction fails the transaction rules', () => {
    const ids = validateAudit(fixture('iti-41'), 'x.xml', { transaction: 'ITI-18' }).map((f) => f.ruleId);
    expect(new Set(ids)).toEqual(new Set(['audit.event.transaction', 'audit.object.required']));
  });
});
