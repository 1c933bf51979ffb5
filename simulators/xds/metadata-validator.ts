// The metadata validators run on every submission; their findings are kept as evidence and,
// per the strictness option, reject the submission or come back as warnings.
import { loadValueSets } from '../../validators/catalogue/value-sets.ts';
import { runMetadataRules } from '../../validators/metadata/validate-ebrim.ts';
import { viewOf } from '../../validators/metadata/view.ts';
import type { MetadataValidator } from './config.ts';

/** The validators metadataValidator() made, with their options: a worker thread can make the same one. */
const builtIn = new WeakMap<MetadataValidator, { readDocuments: boolean }>();

/**
 * `readDocuments: false` checks the metadata alone (value sets, required slots), as a registry
 * does: it never opens the documents, so the KOS-against-metadata consistency rules stay with
 * the repository/recipient and the validators.
 */
export function metadataValidator(opts: { readDocuments?: boolean } = {}): MetadataValidator {
  const valueSets = loadValueSets();
  const withDocuments = opts.readDocuments ?? true;
  const validate: MetadataValidator = (req) =>
    runMetadataRules(
      viewOf(req.objects, { role: 'submission', ...(withDocuments && req.documents ? { documents: req.documents } : {}) }),
      'submission',
      { valueSets },
    ).map((f) => ({
      ruleId: f.ruleId,
      reqIds: f.reqIds,
      severity: f.severity,
      message: f.message,
      path: f.location.path,
    }));
  builtIn.set(validate, { readDocuments: withDocuments });
  return validate;
}

/** The options `v` was made with by metadataValidator(), or undefined for another validator (functions do not cross to a worker). */
export function builtInValidatorOptions(v: MetadataValidator): { readDocuments: boolean } | undefined {
  return builtIn.get(v);
}
