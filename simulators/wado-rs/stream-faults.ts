// Applies the byte-level faults to a retrieve body and counts what was sent.
import type { Faults } from './faults.ts';

export async function* guardBody(
  source: AsyncIterable<Buffer>,
  faults: Faults,
  onBytes: (sent: number) => void,
  dropConnection: () => void,
): AsyncGenerator<Buffer> {
  let sent = 0;
  const limit = Math.min(faults.truncateAfterBytes ?? Infinity, faults.dropAfterBytes ?? Infinity);
  for await (const chunk of source) {
    if (sent + chunk.length >= limit) {
      const head = chunk.subarray(0, limit - sent);
      sent += head.length;
      onBytes(sent);
      if (head.length) yield head;
      if (faults.dropAfterBytes !== undefined && faults.dropAfterBytes <= (faults.truncateAfterBytes ?? Infinity)) {
        // Let the head reach the socket, then cut it: the client sees a reset mid-body.
        setImmediate(dropConnection);
        await new Promise((r) => setTimeout(r, 1_000));
      }
      return;
    }
    sent += chunk.length;
    onBytes(sent);
    yield chunk;
  }
}
