// Positive ITI-41: a conformant submission for a known patient is answered Success.
import { STATUS } from '../../../../protocols/ebrim/index.ts';
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { finding, patients, submit } from '../calls.ts';
import type { PlanState } from '../state.ts';
import { buildSubmission } from '../../common/iti41-submission.ts';

export function provide(state: PlanState): StepDef {
  return defineStep({
    id: 'provide',
    title: 'A conformant Provide and Register for a known patient is answered Success',
    verifies: ['XDS-003'],
    async run(ctx) {
      const s = buildSubmission({ patientCx: patients(ctx).known });
      const res = await submit(ctx, s);
      if (res.response?.status === STATUS.success) {
        state.registered = s;
        return ctx.fromFindings([]);
      }
      const why = res.response
        ? `${res.response.status} [${res.response.errors.map((e) => `${e.errorCode}: ${e.codeContext}`).join('; ')}]`
        : (res.error ?? 'no answer');
      return ctx.fromFindings([
        finding(
          'drr.provide.success',
          ['XDS-003'],
          res.exchange,
          'RegistryResponse/@status',
          `a conformant submission was not accepted: ${why}`,
        ),
      ]);
    },
  });
}
