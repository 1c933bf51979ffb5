import { DE } from '../../../protocols/ebrim/index.ts';
import { codedInValueSet } from './coded-in-value-set.ts';

export const classCode = codedInValueSet({
  id: 'mcwg.class-code',
  reqIds: ['META-011'],
  attr: 'classCode',
  scheme: DE.classCode,
  valueSet: 'VS-CLASSCODE',
  title: 'classCode from the deployment class value set',
});
