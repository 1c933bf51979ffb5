import { packageManifest } from '../model/package-root.ts';

export function toolVersion(): string {
  return packageManifest().version;
}

export const TOOL_NAME = 'mcwg-conformance';
