// Server-rendered pages: handlebars templates under console/web/templates, every value escaped
// (the only raw insertion is a page's own rendered body into the layout).
import { readFileSync, readdirSync } from 'node:fs';
import Handlebars from 'handlebars';
import { packagePath } from '../../model/package-root.ts';
import type { User } from '../store/users.ts';

const DIR = 'console/web/templates';
const PARTIALS: Record<string, string> = { profileForm: 'profile-form', labels: 'labels', runList: 'run-list' };

let compiled: Map<string, Handlebars.TemplateDelegate> | undefined;

function templates(): Map<string, Handlebars.TemplateDelegate> {
  if (!compiled) {
    const hbs = Handlebars.create();
    for (const [name, file] of Object.entries(PARTIALS)) hbs.registerPartial(name, readFileSync(packagePath(DIR, `${file}.hbs`), 'utf8'));
    compiled = new Map(
      readdirSync(packagePath(DIR))
        .filter((f) => f.endsWith('.hbs'))
        .map((f) => [f.slice(0, -4), hbs.compile(readFileSync(packagePath(DIR, f), 'utf8'))]),
    );
  }
  return compiled;
}

export interface PageContext {
  user?: User;
  csrf?: string;
  flash?: string;
}

export function renderPage(name: string, title: string, ctx: PageContext, view: Record<string, unknown> = {}): string {
  const all = templates();
  const page = all.get(name);
  const layout = all.get('layout');
  if (!page || !layout) throw new Error(`no template ${name}`);
  const common = {
    user: ctx.user,
    csrf: ctx.csrf,
    isAdmin: ctx.user?.role === 'admin',
    isReviewer: ctx.user?.role === 'admin' || ctx.user?.role === 'monitor',
    isVendor: ctx.user?.role === 'vendor',
  };
  const content = page({ ...common, ...view });
  return layout({ ...common, title, flash: ctx.flash, content: new Handlebars.SafeString(content) });
}
