import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { loadPreset, parsePreset } from './presets.ts';

describe('presets', () => {
  test('the shipped MCWG preset loads and lists its overrides', () => {
    const p = loadPreset(fileURLToPath(new URL('../../suites/presets/mcwg.yaml', import.meta.url)));
    expect(p.listed).toContain('preset mcwg: severity of mcwg.title.summary set to warning');
    expect(p.overrides.get('xdsi.reference-id.order', ['META-009'])).toBe('info');
  });

  test('replaces a configurable value set and overrides by requirement id', () => {
    const p = parsePreset(
      'name: de\nvalue_sets:\n  VS-CLASSCODE:\n    codes: [{code: "440545006", scheme: SCT}]\nseverities:\n  META-043: error\n  mcwg.type-code: off\n',
    );
    expect(p.valueSets.contains('VS-CLASSCODE', '440545006', '2.16.840.1.113883.6.96')).toBe(true);
    expect(p.valueSets.contains('VS-CLASSCODE', 'imaging-study')).toBe(false);
    expect(p.overrides.get('consistency.kos.modalities', ['META-043'])).toBe('error');
    expect(p.overrides.get('mcwg.type-code', ['META-012'])).toBe('off');
    expect(p.listed).toEqual([
      'preset de: value set VS-CLASSCODE replaced (1 codes)',
      'preset de: severity of META-043 set to error',
      'preset de: severity of mcwg.type-code set to off',
    ]);
  });

  test('refuses to replace a fixed value set', () => {
    expect(() => parsePreset('name: x\nvalue_sets:\n  VS-MODALITY:\n    codes: [{code: XX}]\n')).toThrow(/not configurable/);
  });
});
