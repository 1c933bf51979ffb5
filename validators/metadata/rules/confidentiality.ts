import { DE } from '../../../protocols/ebrim/index.ts';
import { codedInValueSet } from './coded-in-value-set.ts';

export const confidentiality = codedInValueSet({
  id: 'mcwg.confidentiality',
  reqIds: ['META-017'],
  attr: 'confidentialityCode',
  scheme: DE.confidentialityCode,
  valueSet: 'VS-CONFIDENTIALITY',
  title: 'confidentialityCode from HL7 v3 Confidentiality or the deployment set',
});
