import { DE } from '../../../protocols/ebrim/index.ts';
import { codedInValueSet } from './coded-in-value-set.ts';

export const facilityType = codedInValueSet({
  id: 'mcwg.facility-type',
  reqIds: ['META-016'],
  attr: 'healthcareFacilityTypeCode',
  scheme: DE.healthcareFacilityTypeCode,
  valueSet: 'VS-FACILITY-TYPE',
  title: 'healthcareFacilityTypeCode from the facility-type value set',
});
