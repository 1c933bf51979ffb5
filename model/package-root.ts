// Files shipped with the package (catalogue YAML, value sets, schemas, templates, migrations,
// presets, fixtures) are found from the package root, never relative to the calling module:
// under tsx a module sits in its source folder, in the compiled CLI every module sits in
// dist/ or dist/chunks/, so `new URL('./x.yaml', import.meta.url)` would point at dist/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE_NAME = 'mcwg-conformance';

let root: string | undefined;
let manifest: { name: string; version: string } | undefined;

/** The folder holding this package's package.json: the nearest one above this module named mcwg-conformance. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME) {
        manifest = { name: pkg.name, version: pkg.version ?? '0.0.0' };
        return (root = dir);
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

/** An absolute path inside the package, e.g. packagePath('validators/catalogue/requirements.yaml'). */
export function packagePath(...segments: string[]): string {
  return join(packageRoot(), ...segments);
}

/** The same path as a file: URL, for APIs that take URLs. A trailing '/' is kept for folders. */
export function packageUrl(relative: string): URL {
  return new URL(relative, pathToFileURL(`${packageRoot()}/`));
}

/** The package's own package.json (name and version), read once. */
export function packageManifest(): { name: string; version: string } {
  packageRoot();
  return manifest!;
}
