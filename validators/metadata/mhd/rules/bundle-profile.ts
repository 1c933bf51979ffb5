// ITI-65: a transaction Bundle claiming an MHD ProvideBundle profile; entries POST with a fullUrl.
import type { Rule, RuleHit } from '../../../rule.ts';
import type { MhdView } from '../view.ts';

const PROFILES = ['Minimal', 'Comprehensive', 'UnContained.Comprehensive'].map(
  (p) => `https://profiles.ihe.net/ITI/MHD/StructureDefinition/IHE.MHD.${p}.ProvideBundle`,
);

export const bundleProfile: Rule<MhdView, unknown> = {
  id: 'mhd.bundle.profile',
  reqIds: ['MHD-001'],
  severity: 'error',
  title: 'ITI-65 Bundle is a transaction with an MHD ProvideBundle profile',
  check({ bundle }) {
    if (!bundle || bundle.type === 'searchset') return [];
    const hits: RuleHit[] = [];
    if (bundle.type !== 'transaction')
      hits.push({ path: 'Bundle.type', message: `Bundle.type must be transaction; found ${bundle.type ?? 'none'}` });
    // Profile URLs may carry a |version suffix.
    if (!(bundle.meta?.profile ?? []).some((p) => PROFILES.includes(p.split('|')[0]!)))
      hits.push({
        path: 'Bundle.meta.profile',
        message: `Bundle.meta.profile must name an MHD ProvideBundle profile; found ${(bundle.meta?.profile ?? []).join(', ') || 'none'}`,
      });
    (bundle.entry ?? []).forEach((e, i) => {
      if (e.request?.method !== 'POST')
        hits.push({
          path: `Bundle.entry[${i}].request.method`,
          message: `entry ${i} must be a POST; found ${e.request?.method ?? 'none'}`,
        });
      if (!e.fullUrl) hits.push({ path: `Bundle.entry[${i}].fullUrl`, message: `entry ${i} has no fullUrl` });
    });
    return hits;
  },
};
