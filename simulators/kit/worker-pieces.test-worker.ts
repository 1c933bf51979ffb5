// The worker of worker-pieces.test.ts: echoes its task, its 'rows' and 'nested.items' sent in pieces of 10.
import { serveTasks } from './worker-task.ts';

serveTasks<unknown, unknown>((value) => value, undefined, { longArrays: () => ['rows', 'nested.items'], perPiece: 10 });
