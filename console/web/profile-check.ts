// A SUT profile typed or uploaded in the page, checked with the same zod schema as `mcwg run
// --sut` (suites/profiles/profile.ts); problems come back as `line:column: path: message`.
import { type SutProfile, parseSutProfile } from '../../suites/profiles/profile.ts';
import { ConfigError } from '../../suites/profiles/yaml-config.ts';

export const PROFILE_NAME = 'profile';

export function checkProfile(text: string): { profile: SutProfile } | { errors: string[] } {
  try {
    return { profile: parseSutProfile(text, PROFILE_NAME) };
  } catch (e) {
    if (e instanceof ConfigError) return { errors: e.problems.map((p) => p.replace(/^profile:/, 'line ')) };
    return { errors: [e instanceof Error ? e.message : String(e)] };
  }
}
