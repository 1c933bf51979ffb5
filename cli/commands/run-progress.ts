// Renders engine progress on stderr: a bar on a terminal, plain lines otherwise (CI logs).
// Instructions for the tester are always printed in full.
import cliProgress from 'cli-progress';
import type { ProgressEvent, ProgressListener } from '../../suites/engine/progress.ts';
import type { Io } from '../io.ts';

export interface ProgressView {
  listener: ProgressListener;
  stop(): void;
}

export function progressView(io: Io): ProgressView {
  return io.isTty ? barView() : lineView(io);
}

function lineView(io: Io): ProgressView {
  return {
    listener: (e) => {
      const line = progressLine(e);
      if (line) io.err(`${line}\n`);
    },
    stop: () => undefined,
  };
}

function barView(): ProgressView {
  const multi = new cliProgress.MultiBar(
    { stream: process.stderr, format: '{bar} {value}/{total} tests | {test}', hideCursor: true, clearOnComplete: false, noTTYOutput: true },
    cliProgress.Presets.shades_classic,
  );
  let bar: cliProgress.SingleBar | undefined;
  return {
    listener: (e) => {
      if (e.type === 'run-start') bar = multi.create(e.total, 0, { test: e.planId });
      else if (e.type === 'test-start') bar?.update({ test: e.testId });
      else if (e.type === 'test-end') {
        bar?.update(e.done, { test: `${e.testId} ${e.state}` });
        if (e.state !== 'pass' && e.state !== 'omit') multi.log(`${progressLine(e)}\n`);
      } else if (e.type === 'instructions') multi.log(`${progressLine(e)}\n`);
    },
    stop: () => multi.stop(),
  };
}

/** Flattened to one line and cut at 200 characters. */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 199)}…` : flat;
}

export function progressLine(e: ProgressEvent): string | undefined {
  switch (e.type) {
    case 'run-start':
      return `plan ${e.planId}: ${e.total} tests`;
    case 'test-end': {
      const head = `[${e.done}/${e.total}] ${e.state.padEnd(5)} ${e.testId}`;
      if (!e.failure) return `${head}${e.message ? ` (${oneLine(e.message)})` : ''}`;
      // A failure names what it breaks and why, in one line a CI log keeps whole: the IDs are never cut.
      const { reqIds, reason, more } = e.failure;
      return `${head} ${reqIds.join(', ')}: ${oneLine(reason)}${more > 0 ? ` (+${more} more in report.html)` : ''}`;
    }
    case 'instructions':
      return `ACTION ${e.testId}/${e.stepId}: ${e.text} (waiting up to ${e.timeoutMs >= 1000 ? `${Math.round(e.timeoutMs / 1000)} s` : `${e.timeoutMs} ms`} for ${e.transaction})`;
    case 'run-end':
      return `run ${e.state}${e.incomplete ? ' (incomplete: stopped)' : ''}`;
    default:
      return undefined;
  }
}
