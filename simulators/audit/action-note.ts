// The ACTION text the tester reads before the SUT performs a transaction: when the run has our
// Audit Record Repository and the transaction is one whose audit the plans check (SEC-003), the
// text names the repository's address, so the vendor points the SUT's audit messages there
// without having to find it in the run's start-up lines.
import type { Simulator } from '../../model/exchange.ts';
import { AUDITED } from './facts.ts';
import { isAuditRepository } from './repository.ts';

const AUDITED_SET: ReadonlySet<string> = new Set(AUDITED);

/** `text` with the audit address added, or `text` as it is when no repository runs or the transaction is not audited. */
export function withAuditNote(text: string, transaction: string, simulators: Readonly<Record<string, Simulator>>): string {
  if (!AUDITED_SET.has(transaction)) return text;
  const repository = Object.values(simulators).find(isAuditRepository);
  if (!repository) return text;
  const where = repository.udpUrl ? `${repository.url} (or ${repository.udpUrl})` : repository.url;
  return `${text}; the SUT sends its audit message of this ${transaction} to our Audit Record Repository at ${where}`;
}
