// masterIdentifier carries the KOS SOP Instance UID as urn:oid: in system urn:ietf:rfc:3986.
import type { Rule, RuleHit } from '../../../rule.ts';
import type { MhdView } from '../view.ts';

export const masterIdentifier: Rule<MhdView, unknown> = {
  id: 'mhd.master-identifier',
  reqIds: ['META-052'],
  severity: 'error',
  title: 'masterIdentifier is urn:ietf:rfc:3986 | urn:oid:<uid>',
  check(view) {
    const hits: RuleHit[] = [];
    for (const { resource: dr, path } of view.references) {
      const m = dr.masterIdentifier;
      if (m?.system === 'urn:ietf:rfc:3986' && /^urn:oid:[0-2](\.(0|[1-9]\d*))+$/.test(m.value ?? '')) continue;
      hits.push({
        path: `${path}.masterIdentifier`,
        message: `masterIdentifier must be system urn:ietf:rfc:3986, value urn:oid:<uid>; found ${m ? `${m.system ?? '(no system)'} | ${m.value ?? '(no value)'}` : 'none'}`,
      });
    }
    return hits;
  },
};
