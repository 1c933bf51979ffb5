// The worker of worker-pool.test.ts: echoes, spins the CPU, throws, grows its heap or tells its thread's nice value on request.
import { readlinkSync } from 'node:fs';
import { niceOf } from './thread-priority.ts';
import { serveTasks } from './worker-task.ts';

export type TestTask =
  | { op: 'echo'; value: unknown }
  | { op: 'spin'; ms: number }
  | { op: 'throw'; message: string }
  | { op: 'grow' }
  | { op: 'nice' };

const kept: number[][] = [];

serveTasks<TestTask, unknown>((t) => {
  switch (t.op) {
    case 'echo':
      return t.value;
    case 'spin': {
      const end = Date.now() + t.ms;
      while (Date.now() < end);
      return 'spun';
    }
    case 'throw':
      throw new RangeError(t.message);
    case 'nice':
      return niceOf(Number(readlinkSync('/proc/thread-self').split('/').pop()));
    case 'grow':
      for (;;) kept.push(Array.from({ length: 1e5 }, (_, i) => i * 1.5));
  }
});
