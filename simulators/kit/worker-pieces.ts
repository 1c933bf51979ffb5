// A worker's large answer sent in pieces the event loop takes one per turn (issue 16 item 3).
// A structured clone is deserialized on the receiving thread in one go: a 10,000-entry ITI-65
// answer (some 5,000 document records) held the main loop for about a second. Node delivers
// every message already queued on a port in one callback, so pieces posted on the answer's own
// port would arrive as one stall too; instead the worker queues them on a channel of their own
// and hands its other end over with the answer's head, and the loop pulls them with
// receiveMessageOnPort, one piece per setImmediate turn, with I/O answered in between.
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';

/** Dotted paths of arrays in an answer that may be long, e.g. 'prepared.layout'. */
export type LongArrays = readonly string[];

/** One slice of a long array, in order. */
interface Piece {
  path: string;
  items: unknown[];
}

/** What the head of a pieced answer carries: the port the pieces wait on, and how many there are. */
export interface PiecesRef {
  port: MessagePort;
  count: number;
}

/**
 * Splits the long arrays of `value` out (shallow copies along each path: `value` is not changed)
 * and queues them, `perPiece` items at a time, on a new channel. Returns the head (those arrays
 * empty) and the reference to send with it, or undefined when nothing is long enough to split.
 */
export function postPieces(value: unknown, paths: LongArrays, perPiece: number): { head: unknown; ref: PiecesRef } | undefined {
  let head = value;
  const pieces: Piece[] = [];
  for (const path of paths) {
    const items = getAt(head, path);
    if (!Array.isArray(items) || items.length <= perPiece) continue;
    head = setAt(head, path, []);
    for (let at = 0; at < items.length; at += perPiece) pieces.push({ path, items: items.slice(at, at + perPiece) });
  }
  if (pieces.length === 0) return undefined;
  const { port1, port2 } = new MessageChannel();
  // Queued now, before the head is posted: the pieces travel with port2 when it is transferred.
  for (const p of pieces) port1.postMessage(p);
  port1.close();
  return { head, ref: { port: port2, count: pieces.length } };
}

/**
 * Puts the pieces of `ref` back into `head`, one piece per turn of the event loop. `cancelled`
 * is asked before each turn (a task past its budget stops here). Rejects when a piece is missing.
 */
export async function receivePieces(head: unknown, ref: PiecesRef, cancelled: () => boolean): Promise<unknown> {
  try {
    for (let n = 0; n < ref.count; n++) {
      await new Promise((r) => setImmediate(r));
      if (cancelled()) return head;
      const got = receiveMessageOnPort(ref.port);
      if (!got) throw new Error(`the worker's answer lacks piece ${n + 1} of ${ref.count}`);
      const { path, items } = got.message as Piece;
      const into = getAt(head, path);
      if (!Array.isArray(into)) throw new Error(`the worker's answer has no array at ${path}`);
      for (const item of items) into.push(item);
    }
    return head;
  } finally {
    ref.port.close();
  }
}

function getAt(value: unknown, path: string): unknown {
  let at = value;
  for (const key of path.split('.')) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** `value` with `replacement` at `path`, every object on the way shallow-copied. */
function setAt(value: unknown, path: string, replacement: unknown): unknown {
  const [key, ...rest] = path.split('.');
  const obj = value as Record<string, unknown>;
  return { ...obj, [key!]: rest.length ? setAt(obj[key!], rest.join('.'), replacement) : replacement };
}
