import { valueAt } from '../../../protocols/hl7v2/message.ts';
import type { Rule } from '../../rule.ts';
import type { Hl7View } from '../view.ts';
import { shown } from '../shown.ts';

const REQUIRED: [string, string][] = [
  ['MSH-3', 'sending application'],
  ['MSH-4', 'sending facility'],
  ['MSH-5', 'receiving application'],
  ['MSH-6', 'receiving facility'],
  ['MSH-7', 'date/time of message'],
  ['MSH-9', 'message type'],
  ['MSH-10', 'message control ID'],
  ['MSH-11', 'processing ID'],
  ['MSH-12', 'version ID'],
];

export const mshRequired: Rule<Hl7View> = {
  id: 'hl7.msh.required',
  reqIds: ['RIS-002'],
  severity: 'error',
  title: "MSH uses '|' and '^~\\&' and fills MSH-3..7 and MSH-9..12",
  check(view) {
    const m = view.message;
    if (!m) return [];
    const hits = [];
    if (valueAt(m, 'MSH-1') !== '|') hits.push({ path: 'MSH-1', message: `MSH-1 must be '|'; found ${shown(valueAt(m, 'MSH-1'))}` });
    if (valueAt(m, 'MSH-2') !== '^~\\&')
      hits.push({ path: 'MSH-2', message: `MSH-2 must be '^~\\&'; found ${shown(valueAt(m, 'MSH-2'))}` });
    for (const [path, name] of REQUIRED)
      if (valueAt(m, path) === '') hits.push({ path, message: `${path} (${name}) is required and empty` });
    if (!['P', 'D', 'T', ''].includes(valueAt(m, 'MSH-11.1')))
      hits.push({ path: 'MSH-11', message: `MSH-11 must be P, D or T (table 0103); found ${shown(valueAt(m, 'MSH-11.1'))}` });
    return hits;
  },
};
