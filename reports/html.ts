// report.html: one self-contained file (inline CSS and script, no assets, no network).
// All text goes through handlebars escaping; the only raw insertions are our own static
// CSS and script and the filter data as JSON that cannot close its <script> block.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import type { RunModel } from '../model/run.ts';
import type { Excerpts } from './evidence/excerpts.ts';
import { htmlView } from './html-view.ts';
import { packageUrl } from '../model/package-root.ts';

const TEMPLATES = packageUrl('reports/templates/');

let compiled: { template: Handlebars.TemplateDelegate; css: string; script: string; csp: string } | undefined;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function load(): NonNullable<typeof compiled> {
  if (!compiled) {
    const hbs = Handlebars.create();
    hbs.registerPartial('req', readFileSync(new URL('req.hbs', TEMPLATES), 'utf8').trim());
    const template = hbs.compile(readFileSync(new URL('report.hbs', TEMPLATES), 'utf8'), { strict: true });
    const css = readFileSync(new URL('report.css', TEMPLATES), 'utf8');
    const script = readFileSync(new URL('report.js', TEMPLATES), 'utf8');
    // Only our own style and script may run, even if some text ever escaped its escaping.
    const csp = `default-src 'none'; style-src ${sha256(css)}; script-src ${sha256(script)}; img-src 'none'; base-uri 'none'; form-action 'none'`;
    compiled = { template, css, script, csp };
  }
  return compiled;
}

/** JSON safe inside <script type="application/json">: no `</script>`, `<!--`, or JS line breaks. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** `excerpts`: bounded bodies of the failed tests' exchanges (reports/evidence/excerpts.ts), shown beside them. */
export function renderHtml(run: RunModel, excerpts: Excerpts = {}): string {
  const { template, css, script, csp } = load();
  const view = htmlView(run, excerpts);
  return template({
    ...view,
    csp,
    css: new Handlebars.SafeString(css),
    script: new Handlebars.SafeString(script),
    data: new Handlebars.SafeString(scriptJson(view.data)),
  });
}
