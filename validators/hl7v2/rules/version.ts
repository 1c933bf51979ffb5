import { valueAt } from '../../../protocols/hl7v2/message.ts';
import type { Rule } from '../../rule.ts';
import type { Hl7View } from '../view.ts';
import { shown } from '../shown.ts';

export const SUPPORTED_VERSIONS = ['2.5', '2.5.1'];

export const versionSupported: Rule<Hl7View> = {
  id: 'hl7.msh.version',
  reqIds: ['RIS-002'],
  severity: 'error',
  title: 'MSH-12 is 2.5 or 2.5.1',
  check(view) {
    const m = view.message;
    if (!m) return [];
    const v = valueAt(m, 'MSH-12.1');
    if (v === '' || SUPPORTED_VERSIONS.includes(v)) return [];
    return [{ path: 'MSH-12', message: `MSH-12 must be ${SUPPORTED_VERSIONS.join(' or ')}; found ${shown(v)}` }];
  },
};
