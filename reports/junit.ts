// junit.xml: one testsuite per plan group, one testcase per test named by its requirement
// IDs and stable test id, failures and errors carrying the findings. Valid against schema/junit.xsd (the
// common JUnit format GitLab, Jenkins and GitHub read).
import { XMLBuilder } from 'fast-xml-parser';
import type { RunModel, TestResult } from '../model/run.ts';
import { allFindings, canonicalRun, findingLine } from './canonical.ts';

type XmlNode = Record<string, unknown>;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
});

// XML 1.0 cannot carry C0 controls (other than tab, LF, CR), lone surrogates or U+FFFE/F,
// even as character references: show them as \uXXXX so nothing is lost silently.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function attr(text: string): string {
  return xmlSafe(text).replace(/[\r\n\t]+/g, ' ');
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/**
 * Requirement IDs, title, then the stable test id in brackets: the title may be reworded
 * between versions, the id never is, so a CI history and a monitor's notes can name the test.
 * A validation run's tests are files whose id is their title: no need to say it twice.
 */
export function testcaseName(t: TestResult): string {
  const named = t.reqIds.length > 0 ? `${t.reqIds.join(' ')} ${t.title}` : t.title;
  return t.id === t.title ? named : `${named} [${t.id}]`;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  ms: number;
}

function count(tests: readonly TestResult[]): Counts {
  return {
    tests: tests.length,
    failures: tests.filter((t) => t.state === 'fail').length,
    errors: tests.filter((t) => t.state === 'error').length,
    skipped: tests.filter((t) => t.state === 'skip' || t.state === 'omit' || t.state === 'wait').length,
    ms: tests.reduce((sum, t) => sum + Math.max(0, t.durationMs), 0),
  };
}

function countAttrs(c: Counts): XmlNode {
  return { '@_tests': c.tests, '@_failures': c.failures, '@_errors': c.errors, '@_skipped': c.skipped, '@_time': seconds(c.ms) };
}

function outcome(t: TestResult): XmlNode {
  const findings = allFindings(t);
  const body = xmlSafe([...(t.message ? [t.message] : []), ...findings.map(findingLine)].join('\n'));
  const first = findings.find((f) => f.severity === 'error') ?? findings[0];
  const message = attr(t.message ?? (first ? `${first.reqIds.join(',')} ${first.message}` : t.state));
  switch (t.state) {
    case 'fail':
      return { failure: { '@_message': message, '@_type': first?.ruleId ?? 'fail', '#text': body } };
    case 'error':
      return { error: { '@_message': message, '@_type': 'error', '#text': body } };
    case 'skip':
    case 'omit':
    case 'wait':
      return { skipped: { '@_message': attr(`${t.state}${t.message ? `: ${t.message}` : ''}`) } };
    case 'pass':
      return {};
  }
}

function systemOut(t: TestResult): string {
  const lines = [`test ${t.id}${t.actor ? ` (${t.actor})` : ''}: ${t.state}`];
  for (const s of t.steps) lines.push(`  step ${s.id} [${s.reqIds.join(',')}]: ${s.state}${s.message ? ` ${s.message}` : ''}`);
  if (t.evidence.length > 0) lines.push(`evidence: ${t.evidence.join(' ')}`);
  if (t.state === 'pass') for (const f of allFindings(t)) lines.push(findingLine(f));
  return xmlSafe(lines.join('\n'));
}

function testcase(run: RunModel, t: TestResult): XmlNode {
  return {
    '@_name': attr(testcaseName(t)),
    '@_classname': attr([run.plan.id, t.group].filter(Boolean).join('.')),
    '@_time': seconds(t.durationMs),
    ...outcome(t),
    'system-out': systemOut(t),
  };
}

function timestamp(iso: string): XmlNode {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? {} : { '@_timestamp': d.toISOString() };
}

export function renderJunit(input: RunModel): string {
  const run = canonicalRun(input);
  const groups = new Map<string, TestResult[]>();
  for (const t of run.tests) {
    const key = t.group ?? run.plan.id;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const properties = {
    property: [
      ['plan', `${run.plan.id} ${run.plan.version}`],
      ['sut', run.sut.name],
      ['catalogue', run.catalogue.version],
      ['tool', `${run.tool.name} ${run.tool.version}`],
      ['state', run.state],
      // Label decisions (one per declared role) and relaxations travel as properties: a CI
      // job reads them without the run's test counts changing.
      ...(run.relaxations ?? []).map((r) => ['relaxation', r]),
      ...(run.labels ?? []).map((l) => [`label ${l.role}`, [l.outcome, ...l.reasons].join('; ')]),
    ].map(([name, value]) => ({ '@_name': name, '@_value': attr(value ?? '') })),
  };
  const suites = [...groups].map(([name, tests], i) => ({
    '@_name': attr(name),
    '@_id': i,
    '@_package': attr(run.plan.id),
    ...countAttrs(count(tests)),
    ...timestamp(run.startedAt),
    properties,
    testcase: tests.map((t) => testcase(run, t)),
  }));
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': attr(run.plan.title || run.plan.id),
      ...countAttrs(count(run.tests)),
      ...timestamp(run.startedAt),
      testsuite: suites,
    },
  };
  return `${builder.build(doc) as string}`.replace(/\n*$/, '\n');
}
