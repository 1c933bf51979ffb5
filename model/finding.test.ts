import { describe, expect, test } from 'vitest';
import { sortFindings, type Finding } from './finding.ts';

const at = (path: string, severity: Finding['severity'] = 'error'): Finding => ({
  ruleId: 'r',
  reqIds: [],
  severity,
  message: 'm',
  location: { artefact: 'a', path },
});

describe('sortFindings', () => {
  test('orders item indices and HL7 field numbers numerically: [2] before [10], PID-3 before PID-11', () => {
    const paths = ['part[10]', 'part[2]', 'OBX[10]-5', 'OBX[2]-5', 'PID-11', 'PID-3', 'PID-3.10', 'PID-3.4'];
    expect(sortFindings(paths.map((p) => at(p))).map((f) => f.location.path)).toEqual([
      'OBX[2]-5',
      'OBX[10]-5',
      'PID-3',
      'PID-3.4',
      'PID-3.10',
      'PID-11',
      'part[2]',
      'part[10]',
    ]);
  });

  test('keeps DICOM tags in hex order and severity first', () => {
    const out = sortFindings([at('(0008,111A)'), at('(0008,1115)'), at('(0040,A375)[10]', 'warning'), at('(0040,A375)[2]')]);
    expect(out.map((f) => f.location.path)).toEqual(['(0008,1115)', '(0008,111A)', '(0040,A375)[2]', '(0040,A375)[10]']);
  });
});
