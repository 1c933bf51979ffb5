import { expect, test } from 'vitest';
import { cpuMs } from './proc-cpu.ts';

test.runIf(process.platform === 'linux')('cpuMs reads this process and grows with work done', () => {
  const before = cpuMs(process.pid)!;
  expect(before).toBeGreaterThan(0);
  const t0 = process.cpuUsage();
  let x = 0;
  while ((process.cpuUsage(t0).user + process.cpuUsage(t0).system) / 1000 < 120) x += Math.sqrt(x + 1);
  expect(x).toBeGreaterThan(0);
  // 120 ms of CPU spent; /proc counts in 10 ms ticks.
  expect(cpuMs(process.pid)! - before).toBeGreaterThanOrEqual(100);
});

test('cpuMs of a process that does not exist is undefined', () => {
  expect(cpuMs(2 ** 30)).toBeUndefined();
  expect(cpuMs(undefined)).toBeUndefined();
});
