// attachment.hash (base64 SHA-1) and attachment.size describe the Binary's decoded bytes.
import { createHash } from 'node:crypto';
import type { Binary } from 'fhir/r4.js';
import type { Rule, RuleHit } from '../../../rule.ts';
import type { MhdView } from '../view.ts';

export const bundleHashSize: Rule<MhdView, unknown> = {
  id: 'mhd.bundle.hash-size',
  reqIds: ['MHD-003'],
  severity: 'error',
  title: 'attachment hash and size match the Binary',
  check({ bundle, references }) {
    if (!bundle) return [];
    const hits: RuleHit[] = [];
    const byUrl = new Map(
      (bundle.entry ?? []).flatMap((e) =>
        e.fullUrl && e.resource?.resourceType === 'Binary' ? [[e.fullUrl, e.resource as Binary] as const] : [],
      ),
    );
    for (const { resource: dr, path } of references) {
      (dr.content ?? []).forEach((c, k) => {
        const bin = c.attachment?.url ? byUrl.get(c.attachment.url) : undefined;
        if (!bin?.data) return;
        const bytes = Buffer.from(bin.data, 'base64');
        const at = `${path}.content[${k}].attachment`;
        const sha = createHash('sha1').update(bytes).digest('base64');
        if (c.attachment.hash === undefined) hits.push({ path: `${at}.hash`, message: 'attachment.hash is missing' });
        else if (c.attachment.hash !== sha)
          hits.push({ path: `${at}.hash`, message: `attachment.hash ${c.attachment.hash} is not the SHA-1 of the Binary (${sha})` });
        if (c.attachment.size === undefined) hits.push({ path: `${at}.size`, message: 'attachment.size is missing' });
        else if (c.attachment.size !== bytes.length)
          hits.push({
            path: `${at}.size`,
            message: `attachment.size ${c.attachment.size} differs from the Binary's ${bytes.length} bytes`,
          });
      });
    }
    return hits;
  },
};
