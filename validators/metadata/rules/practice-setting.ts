import { DE } from '../../../protocols/ebrim/index.ts';
import { codedInValueSet } from './coded-in-value-set.ts';

export const practiceSetting = codedInValueSet({
  id: 'mcwg.practice-setting',
  reqIds: ['META-015'],
  attr: 'practiceSettingCode',
  scheme: DE.practiceSettingCode,
  valueSet: 'VS-PRACTICE-SETTING',
  title: 'practiceSettingCode from the practice-setting value set',
});
