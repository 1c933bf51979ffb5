// Worker threads do background work (issue 16 item 3): on a machine with as many busy threads as
// cores, the scheduler shared the cores evenly and the event loop, which answers every small
// request, lost 50-100 ms at a time to a worker checking a big Bundle (measured: loop gaps of
// 60-120 ms in which the main thread ran 10-50 ms). A worker lowers its own thread's priority,
// so the loop runs first and the worker takes the rest. Linux gives each thread its own nice
// value (setpriority with a thread id); elsewhere this does nothing.
import { readFileSync, readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value of worker threads: below the event loop's 0, well above idle's 19. */
export const WORKER_NICE = 10;

/** Lowers the calling thread's scheduling priority; false when the platform cannot. */
export function lowerThreadPriority(nice = WORKER_NICE): boolean {
  try {
    // "/proc/thread-self" links to "<pid>/task/<tid>": this thread's id, which setpriority accepts.
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    // An absolute value: a thread already nicer than this (the process run under `nice`) stays as it is (EACCES).
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}

/** The nice value of thread `tid` of this process (Linux: field 19 of its stat line). */
export function niceOf(tid: number): number {
  const stat = readFileSync(`/proc/${process.pid}/task/${tid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
}
