// Login, logout and the admin's user list.
import type { FastifyInstance } from 'fastify';
import { AccountError, LOGIN_TTL_MS, csrfMatches } from '../accounts/accounts.ts';
import { USER_ROLES, type UserRole } from '../store/users.ts';
import { type ConsoleDeps, LOGIN_COOKIE, PRELOGIN_COOKIE, ctx, forbidden, formField, newPreloginToken, sendPage } from './app.ts';
import { renderPage } from './render.ts';

/** Only a path of this console: `next` never sends a user elsewhere after logging in. */
function localPath(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : '/';
}

export function registerAuthRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  const loginPage = (reply: import('fastify').FastifyReply, view: { error?: string; name?: string; next?: string }, status = 200) => {
    const token = newPreloginToken();
    reply.setCookie(PRELOGIN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/login', secure: deps.secure });
    return sendPage(reply.code(status), renderPage('login', 'Log in', {}, { ...view, csrf: token }));
  };

  app.get('/login', async (req, reply) => {
    if (req.user) return reply.redirect('/', 303);
    return loginPage(reply, { next: localPath((req.query as { next?: string }).next) });
  });

  app.post('/login', async (req, reply) => {
    const name = formField(req, 'name') ?? '';
    const next = localPath(formField(req, 'next'));
    // Login CSRF: the form's token must match the cookie set with it (double submit).
    const pre = req.cookies[PRELOGIN_COOKIE];
    if (!pre || !csrfMatches(pre, formField(req, '_csrf'))) {
      return loginPage(reply, { error: 'The login form expired or was not sent from this page: log in again.', name, next }, 403);
    }
    const result = await deps.accounts.login(name, formField(req, 'password') ?? '');
    if ('refused' in result) {
      const error =
        result.refused === 'rate-limited'
          ? 'Too many failed attempts for this user: wait a minute and try again.'
          : 'Wrong user name or password.';
      return loginPage(reply, { error, name, next }, result.refused === 'rate-limited' ? 429 : 401);
    }
    reply.clearCookie(PRELOGIN_COOKIE, { path: '/login' });
    reply.setCookie(LOGIN_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: deps.secure,
      maxAge: Math.floor(LOGIN_TTL_MS / 1000),
    });
    return reply.redirect(next, 303);
  });
  // The login form's own field is named _csrf too; the guard skips /login (public), so it is checked above.

  app.post('/logout', async (req, reply) => {
    await deps.accounts.logout(req.cookies[LOGIN_COOKIE]);
    reply.clearCookie(LOGIN_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });

  const usersPage = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply, error?: string, flash?: string) =>
    sendPage(reply.code(error ? 400 : 200), renderPage('users', 'Users', ctx(req, flash), { users: await deps.users.list(), error }));

  app.get('/users', async (req, reply) => {
    if (req.user?.role !== 'admin') return forbidden(req, reply, 'Only an admin manages users.');
    return usersPage(req, reply);
  });

  app.post('/users', async (req, reply) => {
    if (req.user?.role !== 'admin') return forbidden(req, reply, 'Only an admin manages users.');
    const role = formField(req, 'role') as UserRole;
    if (!USER_ROLES.includes(role)) return usersPage(req, reply, 'choose a role: admin, monitor or vendor');
    try {
      const organisation = formField(req, 'organisation');
      const user = await deps.accounts.create({
        name: formField(req, 'name') ?? '',
        password: formField(req, 'password') ?? '',
        role,
        ...(organisation ? { organisation } : {}),
      });
      return usersPage(req, reply, undefined, `User ${user.name} (${user.role}) created.`);
    } catch (e) {
      if (e instanceof AccountError) return usersPage(req, reply, e.message);
      throw e;
    }
  });
}
