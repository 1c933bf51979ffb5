// index.html of a multi-plan run: one row per plan with its verdict, counts and label
// decision per role, linking the plan's own report.html. Self-contained like report.html:
// the same hashed stylesheet, no script at all, every text escaped by handlebars.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { LabelOutcome, RunModel, TestState } from '../model/run.ts';
import { packageUrl } from '../model/package-root.ts';

const TEMPLATES = packageUrl('reports/templates/');

const LABEL_STATE: Record<LabelOutcome, TestState> = { granted: 'pass', refused: 'fail', incomplete: 'wait', 'not-eligible': 'skip' };

/** One plan of the run: its finished run, or why there is none (not run, broke before a report). */
export type IndexEntry = { planId: string; href: string; run: RunModel } | { planId: string; note: string; state: 'error' | 'skip' };

let compiled: { template: Handlebars.TemplateDelegate; css: string; csp: string } | undefined;

function load(): NonNullable<typeof compiled> {
  if (!compiled) {
    const template = Handlebars.create().compile(readFileSync(new URL('index.hbs', TEMPLATES), 'utf8'), { strict: true });
    const css = readFileSync(new URL('report.css', TEMPLATES), 'utf8');
    const hash = `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
    // No script: links are the only interaction. Navigation to the plans' files is a link, not a fetch.
    compiled = {
      template,
      css,
      csp: `default-src 'none'; style-src ${hash}; script-src 'none'; img-src 'none'; base-uri 'none'; form-action 'none'`,
    };
  }
  return compiled;
}

function row(e: IndexEntry) {
  if ('note' in e)
    return { planId: e.planId, title: '', href: null, state: e.state, sut: '', counts: e.note, labels: [], incomplete: false };
  const c = e.run.counts;
  return {
    planId: e.planId,
    title: e.run.plan.title,
    // Plan ids are our own slugs; encoding each segment keeps the link relative and inert anyway.
    href: e.href.split('/').map(encodeURIComponent).join('/'),
    state: e.run.state,
    sut: e.run.sut.name,
    counts: `${e.run.tests.length} tests: ${c.pass} pass, ${c.fail} fail, ${c.error} error, ${c.skip} skip, ${c.omit} omit, ${c.wait} wait`,
    incomplete: e.run.incomplete,
    labels: (e.run.labels ?? []).map((l) => ({
      role: l.role,
      outcome: l.outcome,
      stateClass: LABEL_STATE[l.outcome],
      reason: l.outcome === 'granted' ? '' : firstReason(l.reasons),
    })),
  };
}

/** The first reason, and how many more the plan's report gives. */
function firstReason(reasons: readonly string[]): string {
  const first = reasons[0] ?? '';
  return reasons.length > 1 ? `${first} (+${reasons.length - 1} more in the report)` : first;
}

export function renderRunIndex(entries: readonly IndexEntry[], meta: { tool: string; startedAt: string }): string {
  const { template, css, csp } = load();
  const rows = entries.map(row);
  const states = rows.map((r) => r.state);
  // The whole run reads as its worst plan, the order rollUp uses.
  const state = (['wait', 'error', 'fail', 'skip', 'pass', 'omit'] as const).find((s) => states.includes(s)) ?? 'omit';
  return template({
    csp,
    css: new Handlebars.SafeString(css),
    rows,
    state,
    tool: meta.tool,
    startedAt: meta.startedAt,
    plans: rows.length,
  });
}
