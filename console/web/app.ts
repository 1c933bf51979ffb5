// The event console's web application: fastify, server-rendered pages, a login cookie, a CSRF
// synchronizer token checked on every POST, and a CSP that forbids loading anything from
// elsewhere. Routes live in one module per area; this file wires them and the guards.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { TlsOptions } from 'node:tls';
import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { packagePath } from '../../model/package-root.ts';
import type { SqlDriver } from '../../simulators/store/driver.ts';
import { Accounts, csrfMatches } from '../accounts/accounts.ts';
import type { RunQueue } from '../queue/types.ts';
import { ReviewRepo } from '../store/reviews.ts';
import { SessionRepo } from '../store/testing-sessions.ts';
import { UserRepo, type User } from '../store/users.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import { registerEvidenceRoutes } from './evidence-routes.ts';
import { registerExportRoutes } from './export-routes.ts';
import { renderPage } from './render.ts';
import { registerReviewRoutes } from './review-routes.ts';
import { registerRunRoutes } from './run-routes.ts';
import { registerSessionRoutes } from './session-routes.ts';

export const LOGIN_COOKIE = 'mcwg_login';
/** Double-submit token of the login form, the one POST made before there is a login. */
export const PRELOGIN_COOKIE = 'mcwg_prelogin';

/** Every page: nothing from elsewhere, our own script and style only, no framing. */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

declare module 'fastify' {
  interface FastifyRequest {
    user?: User;
    csrf?: string;
  }
}

export interface ConsoleOptions {
  db: SqlDriver;
  queue: RunQueue;
  /** Serve over TLS: the login cookie is then Secure. */
  tls?: TlsOptions;
  now?: () => Date;
  /** How often the SSE stream polls the queue for new events. */
  pollMs?: number;
}

export interface ConsoleDeps {
  accounts: Accounts;
  users: UserRepo;
  sessions: SessionRepo;
  reviews: ReviewRepo;
  queue: RunQueue;
  now: () => Date;
  secure: boolean;
  pollMs: number;
}

const PUBLIC = new Set(['/login', '/favicon.ico']);
const STATIC: Record<string, string> = {
  'console.css': 'text/css; charset=utf-8',
  'console.js': 'text/javascript; charset=utf-8',
  'favicon.svg': 'image/svg+xml',
};

const postRoutes = new WeakMap<FastifyInstance, string[]>();

/** The POST routes of a console app (for the test that every one checks the CSRF token). */
export const consolePostRoutes = (app: FastifyInstance): readonly string[] => postRoutes.get(app) ?? [];

export async function buildConsole(opts: ConsoleOptions): Promise<FastifyInstance> {
  const now = opts.now ?? (() => new Date());
  const users = new UserRepo(opts.db);
  const deps: ConsoleDeps = {
    accounts: new Accounts(users, now),
    users,
    sessions: new SessionRepo(opts.db),
    reviews: new ReviewRepo(opts.db),
    queue: opts.queue,
    now,
    secure: Boolean(opts.tls),
    pollMs: opts.pollMs ?? 500,
  };
  const app = Fastify({
    logger: false,
    // A SUT profile or a comment is small; 1 MiB leaves room and bounds a hostile body.
    bodyLimit: 1024 * 1024,
    forceCloseConnections: true,
    ...(opts.tls ? { https: opts.tls } : {}),
  });
  // Every POST route, recorded as it is added: the CSRF test walks them all.
  const posts: string[] = [];
  postRoutes.set(app, posts);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    if (methods.includes('POST')) posts.push(r.url);
  });
  await app.register(fastifyCookie);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', reply.getHeader('content-security-policy') ?? CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', reply.getHeader('cache-control') ?? 'no-store');
    return payload;
  });

  // Who is asking, then: logged out → the login page; a POST without the login's CSRF token → 403.
  app.addHook('preHandler', async (req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    const login = await deps.accounts.resolve(req.cookies[LOGIN_COOKIE]);
    if (login) {
      req.user = login.user;
      req.csrf = login.csrf;
    }
    if (path.startsWith('/static/') || PUBLIC.has(path)) return;
    if (!req.user) {
      const next = req.method === 'GET' ? `?next=${encodeURIComponent(req.url)}` : '';
      return reply.redirect(`/login${next}`, 303);
    }
    if (req.method === 'POST' && !csrfMatches(req.csrf ?? '', formField(req, '_csrf') ?? req.headers['x-csrf-token'])) {
      return sendPage(
        reply.code(403),
        renderPage('error', 'Refused', ctx(req), {
          heading: 'Refused: the form carried no valid CSRF token',
          message:
            'Every form of the console carries a token tied to your login, and this request had none or another one. ' +
            'Reload the page you came from and send the form again.',
        }),
      );
    }
  });

  app.get('/static/:file', async (req, reply) => {
    const file = (req.params as { file: string }).file;
    const type = STATIC[file];
    if (!type) return notFound(req, reply);
    reply.header('cache-control', 'public, max-age=300');
    return reply.type(type).send(readFileSync(packagePath('console/web/static', file)));
  });
  app.get('/favicon.ico', async (_req, reply) => reply.redirect('/static/favicon.svg', 301));

  registerAuthRoutes(app, deps);
  registerSessionRoutes(app, deps);
  registerRunRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerEvidenceRoutes(app, deps);
  registerExportRoutes(app, deps);

  app.setNotFoundHandler((req, reply) => notFound(req, reply));
  app.setErrorHandler((error, req, reply) => {
    const err = error as { statusCode?: number; message?: string };
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    return sendPage(
      reply.code(status),
      renderPage('error', 'Error', ctx(req), {
        heading: status === 500 ? 'Something went wrong on our side' : 'The request was not understood',
        message: status === 500 ? 'The console could not answer this request.' : (err.message ?? ''),
      }),
    );
  });
  return app;
}

export function ctx(req: FastifyRequest, flash?: string) {
  return { ...(req.user ? { user: req.user } : {}), ...(req.csrf ? { csrf: req.csrf } : {}), ...(flash ? { flash } : {}) };
}

export function sendPage(reply: FastifyReply, html: string): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(html);
}

/** 404, also for ids that exist but belong to another organisation: their existence is not told. */
export function notFound(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendPage(
    reply.code(404),
    renderPage('error', 'Not found', ctx(req), { heading: 'Not found', message: 'There is nothing here, or it is not yours to see.' }),
  );
}

export function forbidden(req: FastifyRequest, reply: FastifyReply, message: string): FastifyReply {
  return sendPage(reply.code(403), renderPage('error', 'Refused', ctx(req), { heading: 'Refused', message }));
}

export function formField(req: FastifyRequest, name: string): string | undefined {
  const body = req.body as Record<string, unknown> | undefined;
  const v = body && typeof body === 'object' ? body[name] : undefined;
  return typeof v === 'string' ? v : undefined;
}

export const newPreloginToken = (): string => randomBytes(24).toString('base64url');
