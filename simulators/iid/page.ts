// The Image Display's pages: one self-contained HTML file each (inline CSS allowed by its hash,
// no script, images only from the WADO-RS source), all text escaped by handlebars.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { packageUrl } from '../../model/package-root.ts';
import type { ViewerStudy } from './study-view.ts';

// From the package root: in the compiled CLI this module lives in dist/chunks/, not here.
const TEMPLATES = packageUrl('simulators/iid/templates/');

let loaded: { viewer: Handlebars.TemplateDelegate; error: Handlebars.TemplateDelegate; css: string; styleHash: string } | undefined;

function load(): NonNullable<typeof loaded> {
  if (!loaded) {
    const hbs = Handlebars.create();
    const read = (f: string) => readFileSync(new URL(f, TEMPLATES), 'utf8');
    const css = read('viewer.css');
    loaded = {
      viewer: hbs.compile(read('viewer.hbs'), { strict: false }),
      error: hbs.compile(read('error.hbs'), { strict: true }),
      css,
      styleHash: `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`,
    };
  }
  return loaded;
}

/**
 * CSP: our style only, no script, images from the rendering source only, plus data: for the
 * empty inline favicon that keeps browsers from asking the server for /favicon.ico.
 */
export function contentSecurityPolicy(imageOrigin: string, delivery: 'header' | 'meta' = 'header'): string {
  const csp = `default-src 'none'; style-src ${load().styleHash}; img-src ${imageOrigin} data:; script-src 'none'; base-uri 'none'; form-action 'none'`;
  // frame-ancestors only works as a header; browsers ignore it (with a console error) in <meta>.
  return delivery === 'header' ? `${csp}; frame-ancestors 'self'` : csp;
}

export function viewerPage(studies: readonly ViewerStudy[], missing: readonly string[], quality: string, imageOrigin: string): string {
  const { viewer, css } = load();
  const title = studies.map((s) => s.description || s.studyUid).join(' | ');
  return viewer({ studies, missing, quality, title, csp: contentSecurityPolicy(imageOrigin, 'meta'), css: new Handlebars.SafeString(css) });
}

export function errorPage(status: number, title: string, message: string): string {
  const { error, css } = load();
  return error({ status, title, message, csp: contentSecurityPolicy("'none'", 'meta'), css: new Handlebars.SafeString(css) });
}
