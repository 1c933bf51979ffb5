// Exit codes are a contract (DESIGN.md): scripts and CI jobs read them.
export const EXIT = { ok: 0, failures: 1, usage: 2, internal: 3 } as const;

/** Bad arguments or unreadable input named by the user: exit 2, one line, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}
