// Bearer-token enforcement for any kit HTTP simulator (IUA, SEC-005/SEC-006/SEC-009): wraps the
// simulator so that every request under its prefix is checked before its handler runs. A
// refusal is the simulator's own error answer (OperationOutcome, DICOMweb text) with the RFC
// 6750 status and challenge, recorded as evidence like any other exchange.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpSimulator } from '../kit/http.ts';
import { checkBearer, type AccessRequest, type VerifierOptions } from './verify.ts';
import { JsonTag } from '../../protocols/dicom/tags.generated.ts';

export interface BearerGuard {
  verifier: VerifierOptions;
  /** What the request asks for (patient, study, scopes), or a refusal reason the token cannot fix. */
  access(req: FastifyRequest): AccessRequest | { refuse: string; status: 400 | 403 };
}

export function requireBearer<H>(sim: HttpSimulator<H>, guard: BearerGuard): HttpSimulator<H> {
  return {
    ...sim,
    setup(app, ctx) {
      sim.setup?.(app, ctx);
      app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
        const want = guard.access(req);
        const started = Date.now();
        const refuse = (status: number, message: string, headers: Record<string, string> = {}) => {
          const a = sim.errorAnswer({ status, message, method: req.method, url: req.url });
          const ex = ctx.begin(req, a.transaction ?? 'HTTP');
          return ctx.answer(reply, ex, { ...a, headers: { ...a.headers, ...headers } }, started, message);
        };
        // The token first: without a valid one the answer is 401 whatever was asked (SEC-005).
        const d = await checkBearer(req.headers.authorization, guard.verifier, 'refuse' in want ? {} : want);
        if (d.ok && 'refuse' in want) return refuse(want.status, want.refuse);
        if (d.ok) return;
        return refuse(d.status, d.reason, d.wwwAuthenticate ? { 'www-authenticate': d.wwwAuthenticate } : {});
      });
    },
  };
}

/**
 * DICOMweb access: a request under /studies/{study} needs that study in the token; a search
 * across studies (QIDO /studies) must name one study the token grants (SEC-009: a query never
 * reaches a patient's other studies). A study the source does not hold (or a malformed UID)
 * needs only a valid token: nothing is exposed, and the source's own 404/400 stays the answer
 * (WADO-007, WADO-008).
 */
export function dicomWebAccess(
  req: FastifyRequest,
  holds: (study: string) => boolean = () => true,
): AccessRequest | { refuse: string; status: 400 | 403 } {
  const study = (req.params as { study?: string } | undefined)?.study;
  if (study) return holds(study) ? { study } : {};
  const q = (req.query ?? {}) as Record<string, string | undefined>;
  const asked = q.StudyInstanceUID ?? q[JsonTag.StudyInstanceUID];
  if (!asked || asked.includes(',') || asked.includes('\\') || asked.includes('*'))
    return { refuse: 'a search must name exactly one StudyInstanceUID (single-study scope)', status: 403 };
  return { study: asked };
}

/**
 * FHIR (MHD) access: a search or read naming a patient (patient.identifier, patient) needs a
 * token for that patient (SEC-006); any other request a valid token (SEC-005).
 */
export function fhirAccess(req: FastifyRequest): AccessRequest {
  const q = (req.query ?? {}) as Record<string, string | undefined>;
  const patient = q['patient.identifier'] ?? q.patient;
  return patient ? { patient } : {};
}
