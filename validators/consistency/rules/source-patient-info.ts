// sourcePatientInfo, when sent, agrees with the manifest's patient module (PID-3, -5, -7, -8).
import { slotOf, valuePath } from '../../../protocols/ebrim/index.ts';
import type { Rule, RuleHit } from '../../rule.ts';
import type { ManifestEntryView } from '../view.ts';

export const kosSourcePatientInfo: Rule<ManifestEntryView, unknown> = {
  id: 'consistency.kos.source-patient-info',
  reqIds: ['META-027'],
  severity: 'warning',
  title: 'sourcePatientInfo agrees with the manifest patient',
  check({ facts, entry }) {
    const slot = slotOf(entry, 'sourcePatientInfo');
    if (!slot) return [];
    const hits: RuleHit[] = [];
    const ids = [facts.patient, ...facts.otherPatientIds].map((p) => p.id);
    const want: Record<string, string | undefined> = {
      'PID-5': facts.patientName,
      'PID-7': facts.patientBirthDate,
      'PID-8': facts.patientSex,
    };
    const pid3 = slot.values.map((v, i) => ({ v, i })).filter((x) => x.v.startsWith('PID-3|'));
    if (pid3.length && !pid3.some((x) => ids.includes(x.v.slice(6).split('^')[0] ?? ''))) {
      hits.push({
        path: valuePath(slot, pid3[0]!.i),
        message: `sourcePatientInfo PID-3 names none of the manifest's patient IDs (${ids.join(', ')})`,
      });
    }
    slot.values.forEach((v, i) => {
      const field = v.slice(0, v.indexOf('|'));
      const expected = want[field];
      const got = v.slice(field.length + 1);
      // PID-7 may carry a time; compare the date. Names compare on family^given only.
      const norm = (s: string) =>
        field === 'PID-7' ? s.slice(0, 8) : field === 'PID-5' ? s.split('^').slice(0, 2).join('^').toUpperCase() : s.toUpperCase();
      if (expected !== undefined && norm(got) !== norm(expected))
        hits.push({ path: valuePath(slot, i), message: `sourcePatientInfo ${field} '${got}' differs from the manifest's '${expected}'` });
    });
    return hits;
  },
};
