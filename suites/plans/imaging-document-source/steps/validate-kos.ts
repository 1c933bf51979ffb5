// The manifest against the KOS IOD, XDS-I.b and MCWG rules (validators/kos). Retrieve
// Location UIDs resolve through the SUT profile (oids.retrieveLocationUid -> its WADO-RS base).
import { validateKos } from '../../../../validators/kos/validate.ts';
import { defineStep, type StepDef, type StepContext } from '../../../engine/dsl.ts';
import { needKos, needPublished, type PlanState } from '../state.ts';

export const KOS_REQS = [
  'KOS-001',
  'KOS-002',
  'KOS-003',
  'KOS-004',
  'KOS-005',
  'KOS-006',
  'KOS-007',
  'KOS-008',
  'KOS-009',
  'KOS-010',
  'KOS-011',
  'KOS-012',
  'KOS-013',
  'KOS-014',
  'KOS-015',
  'KOS-016',
  'KOS-017',
  'KOS-020',
  'KOS-021',
  'KOS-023',
  'KOS-025',
  'KOS-026',
  'KOS-027',
  'KOS-028',
  'KOS-030',
  'KOS-031',
  'KOS-033',
  'KOS-034',
  'KOS-035',
  'KOS-036',
  'KOS-037',
  'KOS-038',
  'KOS-039',
  'KOS-040',
  'KOS-041',
  'KOS-042',
  'KOS-043',
  'KOS-044',
  'KOS-045',
  'KOS-046',
  'KOS-047',
  'KOS-048',
  'KOS-050',
  // kos.title.cid7010 (IOD profile): the manifest's title is a CID 7010 code, as every KOS that flags images.
  'KIN-001',
];

/** From the SUT profile (oids.retrieveLocationUid, endpoints.wadoRs); none declared, KOS-021 is not checked. */
export function locationsOf(ctx: Pick<StepContext, 'sut'>): Record<string, string> | undefined {
  const uid = ctx.sut.oids.retrieveLocationUid;
  const base = ctx.sut.endpoints.wadoRs;
  return uid && base ? { [uid]: base } : undefined;
}

export function validateManifest(state: PlanState): StepDef {
  return defineStep({
    id: 'kos',
    title: 'The manifest is a valid XDS-I.b / MCWG Key Object Selection document',
    verifies: KOS_REQS,
    async run(ctx) {
      const kos = needKos(state);
      const locations = locationsOf(ctx);
      const findings = validateKos(kos.bytes, {
        artefact: kos.artefact,
        profiles: ['iod', 'xds-i', 'mcwg'],
        ...(locations ? { locations } : {}),
        // A SUT that declares itself a local test set-up may serve WADO-RS over http on loopback.
        ...(ctx.sut.localTestSetup ? { allowLoopbackHttp: true } : {}),
      });
      const verdict = ctx.fromFindings(findings, [needPublished(state).exchange.id, kos.artefact]);
      // Without the deployment's location table the rule has nothing to compare with: say so.
      return locations
        ? verdict
        : {
            ...verdict,
            notChecked: {
              reqIds: ['KOS-021', 'KOS-023'],
              reason: 'the SUT profile gives no location table (oids.retrieveLocationUid and endpoints.wadoRs)',
            },
          };
    },
  });
}
