// The metadata engineer's MHD validator (R4 schema, MHD rules, XDS rules on the mapped
// entries, all located by FHIRPath) as the hook ITI-65 runs on every Bundle.
import { loadValueSets } from '../../validators/catalogue/value-sets.ts';
import { validateFhir } from '../../validators/metadata/validate-fhir.ts';
import type { BundleValidator } from './config.ts';

export function mhdBundleValidator(): BundleValidator {
  const valueSets = loadValueSets();
  return (bundle) =>
    validateFhir(bundle, 'ITI-65', { valueSets }).findings.map((f) => ({
      ruleId: f.ruleId,
      reqIds: f.reqIds,
      severity: f.severity,
      message: f.message,
      path: f.location.path,
    }));
}
