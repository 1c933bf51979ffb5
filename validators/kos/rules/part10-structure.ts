import type { Rule } from '../../rule.ts';
import type { KosView } from '../view.ts';

// Reading problems (truncation, bad lengths, wrong VR codes, missing meta header) are the
// file's own findings: each keeps the byte offset where it was met.
export const part10Structure: Rule<KosView> = {
  id: 'kos.part10.structure',
  reqIds: ['KOS-002'],
  severity: 'error',
  title: 'The file is a readable DICOM Part 10 file with a File Meta Information header',
  check(v) {
    return v.file.problems.map((p) => ({ path: p.path || `@${p.offset}`, message: `${p.message} (byte ${p.offset})` }));
  },
};
