import { DE } from '../../../protocols/ebrim/index.ts';
import { codedInValueSet } from './coded-in-value-set.ts';

export const typeCode = codedInValueSet({
  id: 'mcwg.type-code',
  reqIds: ['META-012'],
  attr: 'typeCode',
  scheme: DE.typeCode,
  valueSet: 'VS-TYPECODE',
  title: 'typeCode from the deployment type value set',
});
