// What the reference SUTs share to send their audits (SEC-003, SEC-004): our Audit Record
// Repository for the run (the plan's `audit` simulator), a sender to it over TLS with the
// reference's test PKI when it has one (plain TCP otherwise), and the audit defects of the
// broken variants: one sends no audit (fails SEC-003), one a wrong audit (fails SEC-004).
import { join } from 'node:path';
import type { Exchange } from '../../../model/exchange.ts';
import type { BuildOptions } from '../../../simulators/audit/builder.ts';
import { startAuditRepository, type RunningAuditRepository } from '../../../simulators/audit/repository.ts';
import { auditSender, type AuditSender } from '../../../simulators/audit/sender.ts';
import { tlsClientOptions, tlsServerOptions } from '../../../simulators/tls/options.ts';
import type { MutationDefect } from '../../engine/plan-module.ts';
import type { SutProfile } from '../../profiles/profile.ts';

export type AuditDefectId = 'sends-no-audit' | 'audit-wrong-event-id' | 'audit-wrong-study';

export const AUDIT_DEFECTS: { readonly [K in AuditDefectId]: MutationDefect & { id: K; fails: string[] } } = {
  'sends-no-audit': {
    id: 'sends-no-audit',
    description: 'sends no audit message for the transactions it takes part in',
    fails: ['SEC-003'],
  },
  'audit-wrong-event-id': {
    id: 'audit-wrong-event-id',
    description: 'audits each transaction with the wrong EventID (Query for a transfer, Export for a query)',
    fails: ['SEC-004'],
  },
  'audit-wrong-study': {
    id: 'audit-wrong-study',
    description: 'audits each retrieve with a study participant object naming another study',
    fails: ['SEC-004'],
  },
};

/** Reference runs wait little: their audits go out as each transaction ends. */
export const REFERENCE_AUDIT_LIMIT_S = 5;

export interface ReferenceAudit {
  repository: RunningAuditRepository;
  /** Undefined for the variant that sends none. */
  sender?: AuditSender;
  /** The fault the variant's audits carry, if any. */
  fault?: BuildOptions['fault'];
  /** The SUT profile's audit section. */
  profile: NonNullable<SutProfile['audit']>;
  stop(): Promise<void>;
}

/** The run's repository and the reference's sender to it; `pkiDir` (a writePki folder) for mutual TLS. */
export async function startReferenceAudit(opts: { defect?: string; pkiDir?: string; name: string }): Promise<ReferenceAudit> {
  // The writePki file names: NODE.crt.pem / NODE.key.pem.
  const f = (node: string, part: 'crt' | 'key') => join(opts.pkiDir ?? '', `${node}.${part}.pem`);
  const repository = await startAuditRepository({
    udpPort: null,
    ...(opts.pkiDir ? { tls: tlsServerOptions({ tlsCert: f('server', 'crt'), tlsKey: f('server', 'key'), tlsCa: f('ca', 'crt') })! } : {}),
  });
  const sender =
    opts.defect === 'sends-no-audit'
      ? undefined
      : auditSender(opts.pkiDir ? `tls://localhost:${repository.port}` : `tcp://127.0.0.1:${repository.port}`, {
          appName: opts.name,
          ...(opts.pkiDir
            ? { tls: tlsClientOptions({ tlsCa: f('ca', 'crt'), tlsCert: f('client', 'crt'), tlsKey: f('client', 'key') }) }
            : {}),
          onError: (e) => process.stderr.write(`${opts.name}: audit not sent: ${e.message}\n`),
        });
  const fault: BuildOptions['fault'] | undefined =
    opts.defect === 'audit-wrong-event-id' ? 'wrong-event-id' : opts.defect === 'audit-wrong-study' ? 'wrong-study' : undefined;
  return {
    repository,
    ...(sender ? { sender } : {}),
    ...(fault ? { fault } : {}),
    profile: { timeLimitSeconds: REFERENCE_AUDIT_LIMIT_S },
    stop: async () => {
      await sender?.flush();
      await repository.stop();
    },
  };
}

/** An onExchange hook that does nothing: the variant that sends no audit. */
export const noAudit = (_e: Exchange): void => undefined;
