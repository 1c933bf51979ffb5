// Exports of a testing session (admins and monitors): CSV and JUnit of every system's latest
// run per plan with the monitors' decisions, and the whole session's evidence as one .tar whose
// run folders each pass `mcwg evidence verify`, with a SHA256SUMS over every file.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csvCell } from '../../reports/csv.ts';
import { renderJunit } from '../../reports/junit.ts';
import type { SystemRecord, TestingSession } from '../store/testing-sessions.ts';
import { type ConsoleDeps, forbidden, notFound } from './app.ts';
import { DECISION_STATE, withDecisions } from './labels.ts';
import { shortId } from './run-view.ts';
import { latestRuns, systemLabels } from './system-labels.ts';
import { type TarEntry, tarStream } from './tar.ts';

const slug = (s: string): string => s.replace(/[^\w.-]+/g, '_').slice(0, 40) || '_';
const xmlAttr = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\x00-\x08\x0b\x0c\x0e-\x1f]/g, '');

export function registerExportRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const sessionFor = async (
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ session: TestingSession; systems: SystemRecord[] } | undefined> => {
    if (req.user!.role === 'vendor') {
      forbidden(req, reply, 'Session exports are for admins and monitors.');
      return undefined;
    }
    const session = await deps.sessions.get((req.params as { id: string }).id);
    if (!session) {
      notFound(req, reply);
      return undefined;
    }
    return { session, systems: await deps.sessions.systems(session.id) };
  };

  app.get('/sessions/:id/export.csv', async (req, reply) => {
    const s = await sessionFor(req, reply);
    if (!s) return reply;
    const rows: (string | number)[][] = [
      [
        'kind',
        'organisation',
        'system',
        'plan',
        'run',
        'test',
        'title',
        'requirements',
        'automatic',
        'monitor',
        'decided_by',
        'comment',
        'effective',
        'label',
      ],
    ];
    for (const system of s.systems) {
      for (const r of await latestRuns(deps, system.id)) {
        const decisions = await deps.reviews.latestOfRun(r.queued.id);
        for (const t of r.run.tests) {
          const d = decisions.get(t.id);
          rows.push([
            'test',
            system.organisation,
            system.name,
            r.queued.plan,
            r.queued.id,
            t.id,
            t.title,
            t.reqIds.join(' '),
            t.state,
            d?.decision ?? '',
            d?.decidedBy ?? '',
            d?.comment ?? '',
            d ? DECISION_STATE[d.decision] : t.state,
            '',
          ]);
        }
      }
      for (const l of await systemLabels(deps, s.session, system))
        rows.push(['label', system.organisation, system.name, '', '', '', l.role, '', '', '', '', l.reasons.join('; '), '', l.outcome]);
    }
    return reply
      .header('content-disposition', `attachment; filename="${slug(s.session.name)}.csv"`)
      .type('text/csv; charset=utf-8')
      .send(`${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`);
  });

  app.get('/sessions/:id/export.junit.xml', async (req, reply) => {
    const s = await sessionFor(req, reply);
    if (!s) return reply;
    const suites: string[] = [];
    for (const system of s.systems) {
      for (const r of await latestRuns(deps, system.id)) {
        // The reviewed results: a monitor's decision replaces the automatic verdict of its test.
        const xml = renderJunit(withDecisions(r.run, await deps.reviews.latestOfRun(r.queued.id)));
        const start = xml.indexOf('<testsuite ');
        const end = xml.lastIndexOf('</testsuite>');
        if (start < 0 || end < 0) continue;
        suites.push(
          xml.slice(start, end + '</testsuite>'.length).replace(/<testsuite name="/g, `<testsuite name="${xmlAttr(system.name)} · `),
        );
      }
    }
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xmlAttr(s.session.name)}">\n${suites.join('\n')}\n</testsuites>\n`;
    return reply
      .header('content-disposition', `attachment; filename="${slug(s.session.name)}.junit.xml"`)
      .type('application/xml; charset=utf-8')
      .send(body);
  });

  app.get('/sessions/:id/evidence.tar', async (req, reply) => {
    const s = await sessionFor(req, reply);
    if (!s) return reply;
    const folders: { prefix: string; outDir: string }[] = [];
    for (const system of s.systems)
      for (const r of await latestRuns(deps, system.id))
        if (r.outDir)
          folders.push({
            prefix: `${slug(system.organisation)}/${slug(system.name)}/${r.queued.plan}-${shortId(r.queued.id)}`,
            outDir: r.outDir,
          });
    const root = slug(s.session.name);
    const session = s.session;
    async function* entries(): AsyncGenerator<TarEntry> {
      const sums: string[] = [];
      for (const f of folders) {
        for await (const file of walk(f.outDir)) {
          const name = `${f.prefix}/${relative(f.outDir, file).split('\\').join('/')}`;
          const info = await stat(file);
          sums.push(`${await sha256File(file)}  ${name}`);
          yield { name: `${root}/${name}`, size: info.size, mtime: info.mtime, source: { file } };
        }
      }
      const readme = Buffer.from(
        `Evidence of testing session ${session.name} (policy ${session.policyId} ${session.policyVersion}, catalogue ${session.catalogueVersion}).\n` +
          'One folder per system and plan (the latest run); check each with `mcwg evidence verify FOLDER`,\n' +
          'and every file of the bundle with `sha256sum -c SHA256SUMS`.\n',
      );
      yield { name: `${root}/README.txt`, size: readme.length, source: readme };
      const list = Buffer.from(`${sums.join('\n')}\n`);
      yield { name: `${root}/SHA256SUMS`, size: list.length, source: list };
    }
    return reply
      .header('content-disposition', `attachment; filename="${root}-evidence.tar"`)
      .type('application/x-tar')
      .send(Readable.from(tarStream(entries())));
  });
}

async function* walk(dir: string): AsyncGenerator<string> {
  let names: import('node:fs').Dirent[];
  try {
    names = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const d of names.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = join(dir, d.name);
    if (d.isDirectory()) yield* walk(p);
    else if (d.isFile()) yield p;
  }
}

async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}
