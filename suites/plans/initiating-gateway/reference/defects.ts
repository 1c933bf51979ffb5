// One injected defect per broken variant of the reference initiating gateway, and the
// requirements the plan must fail on for it. Answers are rewritten in the proxy; how the
// gateway calls its communities (deadline, routing, memory, its TLS client) is set when it
// starts (index.ts).
import type { MutationDefect } from '../../../engine/plan-module.ts';
import { editText, type Rewrite } from '../../../reference-sut/proxy.ts';
import { initiatorTlsDefects, serverTlsDefects } from '../../../reference-sut/reference-tls.ts';

export const DEFECT_IDS = [
  'drops-home',
  'fails-whole-query',
  'waits-for-slow',
  'wrong-route',
  'rediscovers-every-query',
  'tls-legacy-versions',
  'tls-no-client-auth',
  'accepts-any-server-cert',
  'accepts-legacy-tls',
] as const;
export type DefectId = (typeof DEFECT_IDS)[number];

export const DEFECTS: Readonly<Record<DefectId, MutationDefect & { id: DefectId }>> = {
  ...initiatorTlsDefects('the gateway, querying a responding gateway,'),
  'drops-home': {
    id: 'drops-home',
    description: 'the merged ITI-18 answer carries no home attribute on its objects',
    fails: ['XDS-027'],
  },
  'fails-whole-query': {
    id: 'fails-whole-query',
    description: 'one community down fails the whole query: Failure, no entries, instead of PartialSuccess',
    fails: ['XDS-027'],
  },
  'waits-for-slow': {
    id: 'waits-for-slow',
    description: 'the gateway waits for the slow community (a 60 s deadline where it declares 1 s)',
    fails: ['XDS-027'],
  },
  'wrong-route': {
    id: 'wrong-route',
    description: "ITI-43 and RAD-69 for community a's documents are sent to community d",
    fails: ['XDS-028', 'XDS-029'],
  },
  'rediscovers-every-query': {
    id: 'rediscovers-every-query',
    description: 'no patient location memory: every query asks every community that knows the patient',
    fails: ['XDS-030'],
  },
  ...serverTlsDefects('the gateway'),
};

const isQuery = (req: Buffer) => req.toString('latin1').includes('AdhocQueryRequest');

/** The proxy rewrite of a defect: the identity for the others. */
export function rewriteOf(defect: DefectId | undefined): Rewrite {
  switch (defect) {
    case 'drops-home':
      return (q, res) => (isQuery(q) ? editText(res, (s) => s.replace(/\shome="[^"]*"/g, '')) : res);
    case 'fails-whole-query':
      return (q, res) =>
        isQuery(q)
          ? editText(res, (s) =>
              s.includes('XDSUnavailableCommunity')
                ? s
                    .replace(/ResponseStatusType:PartialSuccess/, 'ResponseStatusType:Failure')
                    .replace(/<(\w+:)?RegistryObjectList\b[^>]*>[\s\S]*<\/(\w+:)?RegistryObjectList>/, '')
                : s,
            )
          : res;
    default:
      return (_q, res) => res;
  }
}
