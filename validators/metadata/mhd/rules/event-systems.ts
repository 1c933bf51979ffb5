// context.event codes use the FHIR system URIs: DCM for modalities, SNOMED CT for regions.
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import type { Rule, RuleHit } from '../../../rule.ts';
import type { MetadataCtx } from '../../view.ts';
import type { MhdView } from '../view.ts';

const DCM = 'http://dicom.nema.org/resources/ontology/DCM';
const SCT = 'http://snomed.info/sct';

export const eventSystems: Rule<MhdView, MetadataCtx> = {
  id: 'mhd.event.systems',
  reqIds: ['META-050'],
  severity: 'error',
  title: 'context.event uses the DCM and SNOMED CT system URIs',
  check(view, ctx) {
    const hits: RuleHit[] = [];
    for (const { resource: dr, path } of view.references) {
      const events = dr.context?.event ?? [];
      events.forEach((cc, i) =>
        cc.coding?.forEach((c, k) => {
          const at = `${path}.context.event[${i}].coding[${k}].system`;
          if (c.system === undefined) hits.push({ path: at, message: `context.event code ${c.code ?? ''} has no system` });
          else if (c.system.startsWith('urn:oid:1.2.840.10008.2.16.4'))
            hits.push({ path: at, message: `modality ${c.code ?? ''} uses ${c.system}; MHD uses ${DCM}` });
          else if (c.system === 'urn:oid:2.16.840.1.113883.6.96')
            hits.push({ path: at, message: `region ${c.code ?? ''} uses ${c.system}; MHD uses ${SCT}` });
          else if (c.code && ctx.valueSets.contains('VS-MODALITY', c.code) && c.system !== DCM)
            hits.push({ path: at, message: `modality ${c.code} should use system ${DCM}; found ${c.system}` });
        }),
      );
      // FHIRPath: a manifest needs at least one DCM and one SNOMED CT event.
      const has = (system: string) =>
        (fhirpath.evaluate(dr, `context.event.coding.where(system = '${system}').exists()`, undefined, r4) as unknown as boolean[])[0] ===
        true;
      const isKos = dr.content?.some((c) => c.attachment?.contentType === 'application/dicom');
      if (isKos && !has(DCM))
        hits.push({ path: `${path}.context.event`, message: `a manifest's context.event has no modality coded in ${DCM}` });
      if (isKos && !has(SCT))
        hits.push({ path: `${path}.context.event`, message: `a manifest's context.event has no anatomic region coded in ${SCT}` });
    }
    return hits;
  },
};
