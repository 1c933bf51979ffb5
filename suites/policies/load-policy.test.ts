import { describe, expect, test } from 'vitest';
import { ConfigError } from '../profiles/yaml-config.ts';
import { loadCatalogue } from '../../validators/catalogue/catalogue.ts';
import { pickIds } from '../engine/scripted.ts';
import { labelFacts, loadPolicy, parsePolicy } from './load-policy.ts';

const R = pickIds();

const problems = (text: string): string[] => {
  try {
    parsePolicy(text, 'p.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('label policy loader', () => {
  test('the default policy loads and names a rule set for every role of spec/README.md', () => {
    const { policy } = loadPolicy();
    expect(policy.id).toBe('mcwg-default');
    expect(policy.roles.map((r) => r.role)).toContain('Imaging Document Source');
    const ids = policy.roles.flatMap((r) => r.require.map((x) => x.id));
    const catalogue = loadCatalogue();
    expect(ids.length).toBeGreaterThan(100);
    expect(ids.filter((id) => catalogue.get(id)?.level === 'MAY')).toEqual([]);
  });

  test('rejects a requirement ID the catalogue does not know', () => {
    expect(problems(`policy: p\nversion: 1.0.0\ncatalogue: 1.1.0\nroles:\n  - role: RIS\n    require: [${R.a}, RIS-999]\n`)).toEqual([
      'p.yaml: role RIS: unknown or retired requirement RIS-999',
    ]);
  });

  test('a waiver without a real reason is refused at its line', () => {
    expect(
      problems(
        `policy: p\nversion: 1.0.0\ncatalogue: 1.1.0\nroles:\n  - role: RIS\n    require: [${R.a}]\n    waivers:\n      - id: ${R.a}\n        reason: ok\n`,
      ),
    ).toEqual(['p.yaml:9:17: roles.0.waivers.0.reason: a waiver needs a reason a reader can check']);
  });

  test('names the options a role requires and where an omission is not applicable', () => {
    const { policy } = parsePolicy(
      `policy: p\nversion: 1.0.0\ncatalogue: 1.1.0\nroles:\n  - role: Imaging Document Source\n    options: [XDS-I.b]\n    require: [${R.a}, ${R.b}]\n    notApplicable:\n      - id: ${R.b}\n        option: SSV1\n        reason: the hosted viewer replaces it\n`,
      'p.yaml',
    );
    expect(policy.roles[0]).toMatchObject({
      options: ['XDS-I.b'],
      notApplicable: [{ id: R.b, option: 'SSV1', reason: 'the hosted viewer replaces it' }],
    });
    expect(loadPolicy().policy.roles.find((r) => r.role === 'Imaging Document Source')?.options).toEqual(['XDS-I.b']);
  });

  test('an exemption must be for a requirement of the role, with a reason, and options must exist', () => {
    expect(
      problems(
        `policy: p\nversion: 1.0.0\ncatalogue: 1.1.0\nroles:\n  - role: RIS\n    require: [${R.a}]\n    notApplicable: [{id: ${R.b}, reason: not used in this programme}]\n`,
      ),
    ).toEqual([`p.yaml: role RIS: notApplicable ${R.b} is not required for the role`]);
    expect(
      problems(`policy: p\nversion: 1.0.0\ncatalogue: 1.1.0\nroles:\n  - role: RIS\n    options: [XDS-Z]\n    require: [${R.a}]\n`)[0],
    ).toMatch(/^p\.yaml:6:15: roles\.0\.options\.0: /);
  });

  test('gathers levels, unverified flags and the SUT options as plain data for decide()', () => {
    const { policy } = parsePolicy(
      `policy: p\nversion: 1.0.0\ncatalogue: 1.1.0\nroles:\n  - role: Imaging Document Source\n    require: [${R.a}, ${R.unverified}, {id: ${R.may}, option: IUA}]\n`,
      'p.yaml',
    );
    expect(labelFacts(policy, { options: ['XDS-I.b'] })).toEqual({
      requirements: {
        [R.a]: { level: 'SHALL', actor: expect.any(String) },
        [R.unverified]: { level: 'SHALL', actor: expect.any(String), unverified: true },
        [R.may]: { level: 'MAY', actor: expect.any(String) },
      },
      options: ['XDS-I.b'],
    });
  });
});
