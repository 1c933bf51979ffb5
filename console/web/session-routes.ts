// Testing sessions (admin creates them) and the systems vendors register in them.
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { packagePath } from '../../model/package-root.ts';
import { loadPolicy } from '../../suites/policies/load-policy.ts';
import { loadCatalogue } from '../../validators/catalogue/catalogue.ts';
import type { SystemRecord, TestingSession } from '../store/testing-sessions.ts';
import { mayEdit, visibleSystem } from './access.ts';
import { type ConsoleDeps, ctx, forbidden, formField, notFound, sendPage } from './app.ts';
import { plansFor } from './plans.ts';
import { checkProfile } from './profile-check.ts';
import { renderPage } from './render.ts';
import { systemLabels } from './system-labels.ts';
import { runRows } from './run-view.ts';

const POLICY_DIR = 'suites/policies';

/** The label policies shipped with the tool, each with its version and catalogue. */
export function availablePolicies(): { file: string; id: string; version: string; catalogue: string }[] {
  return readdirSync(packagePath(POLICY_DIR))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const file = `${POLICY_DIR}/${f}`;
      const p = loadPolicy(packagePath(file));
      return { file, id: p.policy.id, version: p.policy.version, catalogue: p.catalogueVersion };
    });
}

export function registerSessionRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  app.get('/', async (req, reply) =>
    sendPage(
      reply,
      renderPage('home', 'Testing sessions', ctx(req), {
        sessions: await deps.sessions.list(),
        policies: req.user?.role === 'admin' ? availablePolicies() : [],
        catalogueVersion: loadCatalogue().version,
      }),
    ),
  );

  app.post('/sessions', async (req, reply) => {
    const user = req.user!;
    if (user.role !== 'admin') return forbidden(req, reply, 'Only an admin creates testing sessions.');
    const name = (formField(req, 'name') ?? '').trim();
    const policy = availablePolicies().find((p) => p.file === formField(req, 'policy'));
    if (!name || name.length > 120 || !policy)
      return sendPage(
        reply.code(400),
        renderPage('error', 'Refused', ctx(req), {
          heading: 'Not created',
          message: 'A session needs a name (up to 120 characters) and one of the listed policies.',
        }),
      );
    const session: TestingSession = {
      id: randomUUID(),
      name,
      policyFile: policy.file,
      policyId: policy.id,
      policyVersion: policy.version,
      catalogueVersion: loadCatalogue().version,
      createdBy: user.name,
      createdAt: deps.now().toISOString(),
    };
    await deps.sessions.insert(session);
    return reply.redirect(`/sessions/${session.id}`, 303);
  });

  const sessionPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    session: TestingSession,
    form: { profile?: string; errors?: string[]; organisation?: string } = {},
  ) => {
    const user = req.user!;
    const systems = await deps.sessions.systems(session.id, user.role === 'vendor' ? user.organisation : undefined);
    const rows = [];
    for (const s of systems) rows.push({ ...s, labels: await systemLabels(deps, session, s) });
    return sendPage(
      reply.code(form.errors ? 400 : 200),
      renderPage('session', session.name, ctx(req), {
        session,
        systems: rows,
        canExport: user.role !== 'vendor',
        canRegister: user.role === 'vendor' || user.role === 'admin',
        askOrganisation: user.role === 'admin',
        registerAction: `/sessions/${session.id}/systems`,
        profile: form.profile ?? '',
        errors: form.errors ?? [],
        organisation: form.organisation ?? '',
      }),
    );
  };

  app.get('/sessions/:id', async (req, reply) => {
    const session = await deps.sessions.get((req.params as { id: string }).id);
    return session ? sessionPage(req, reply, session) : notFound(req, reply);
  });

  app.post('/sessions/:id/systems', async (req, reply) => {
    const user = req.user!;
    const session = await deps.sessions.get((req.params as { id: string }).id);
    if (!session) return notFound(req, reply);
    if (user.role === 'monitor') return forbidden(req, reply, 'Vendors register their systems (an admin may for them).');
    // A vendor registers for its own organisation, whatever the form says.
    const organisation = user.role === 'vendor' ? user.organisation! : (formField(req, 'organisation') ?? '').trim();
    const text = formField(req, 'profile') ?? '';
    const checked = checkProfile(text);
    if ('errors' in checked || !organisation)
      return sessionPage(req, reply, session, {
        profile: text,
        errors: 'errors' in checked ? checked.errors : ['name the organisation the system belongs to'],
        organisation,
      });
    const system: SystemRecord = {
      id: randomUUID(),
      sessionId: session.id,
      organisation,
      name: checked.profile.name,
      profileYaml: text,
      roles: [...checked.profile.roles],
      updatedBy: user.name,
      updatedAt: deps.now().toISOString(),
    };
    await deps.sessions.insertSystem(system);
    return reply.redirect(`/systems/${system.id}`, 303);
  });

  const systemPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    system: SystemRecord,
    form: { profile?: string; errors?: string[] } = {},
    flash?: string,
  ) => {
    const user = req.user!;
    const session = await deps.sessions.get(system.sessionId);
    if (!session) return notFound(req, reply);
    const plans = await plansFor(system.roles);
    const roleTargets = [];
    for (const role of system.roles) {
      const n = (await plansFor([role])).length;
      if (n > 0) roleTargets.push({ role, count: n });
    }
    return sendPage(
      reply.code(form.errors ? 400 : 200),
      renderPage('system', system.name, ctx(req, flash), {
        session,
        system,
        labels: await systemLabels(deps, session, system),
        plans: plans.map((id) => ({ id })),
        roleTargets,
        runs: runRows(await deps.queue.list({ systemId: system.id })),
        canEdit: mayEdit(user, system),
        editAction: `/systems/${system.id}`,
        profile: form.profile ?? system.profileYaml,
        errors: form.errors ?? [],
      }),
    );
  };

  app.get('/systems/:id', async (req, reply) => {
    const system = await visibleSystem(deps, req.user!, (req.params as { id: string }).id);
    return system ? systemPage(req, reply, system) : notFound(req, reply);
  });

  app.post('/systems/:id', async (req, reply) => {
    const user = req.user!;
    const system = await visibleSystem(deps, user, (req.params as { id: string }).id);
    if (!system) return notFound(req, reply);
    if (!mayEdit(user, system)) return forbidden(req, reply, 'Only the vendor of this system (or an admin) edits its profile.');
    const text = formField(req, 'profile') ?? '';
    const checked = checkProfile(text);
    if ('errors' in checked) return systemPage(req, reply, system, { profile: text, errors: checked.errors });
    const updated = {
      ...system,
      name: checked.profile.name,
      profileYaml: text,
      roles: [...checked.profile.roles],
      updatedBy: user.name,
      updatedAt: deps.now().toISOString(),
    };
    await deps.sessions.updateSystem(updated);
    return systemPage(req, reply, updated, {}, 'Profile saved. Queued runs keep the profile they were asked with.');
  });
}
