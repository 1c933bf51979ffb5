// `mcwg fixtures kos --study DIR --retrieve-url URL`: a KOS manifest for any folder of DICOM files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { kosFromFolder } from '../../fixtures/builders/kos-from-folder.ts';
import { UsageError } from '../errors.ts';
import type { RegisterFixture } from './fixtures.ts';

export const registerFixturesKos: RegisterFixture = (fixtures, io) => {
  fixtures
    .command('kos')
    .description('write an XDS-I.b / MCWG KOS manifest for a folder of DICOM files (and a key-image note with --key-images)')
    .requiredOption('--study <DIR>', 'folder of DICOM files of one study (read recursively; headers only)')
    .requiredOption('--retrieve-url <URL>', 'WADO-RS base URL; each series gets {URL}/studies/{study}/series/{series}')
    .option('--key-images <N>', 'also write a KIN (Of Interest) flagging N images, with back-references in the manifest')
    .option('--out <FILE>', 'manifest file to write', 'manifest.dcm')
    .option('--location-uid <UID>', 'Retrieve Location UID (default: derived from the URL)')
    .option('--ae-title <AET>', 'Retrieve AE Title per series (IHE XDS-I.b; MCWG ignores it)')
    .option('--patient-issuer-oid <OID>', 'issuer OID of Patient ID when the headers lack one')
    .option('--accession-issuer-oid <OID>', 'issuer OID of the Accession Number when the headers lack one')
    .option('--placer-issuer-oid <OID>', 'issuer OID of the placer order number')
    .addHelpText(
      'after',
      `
Examples:
  mcwg fixtures kos --study out/study --retrieve-url https://pacs.example/dicomweb
  mcwg fixtures kos --study my-study/ --retrieve-url https://pacs.example/dicomweb --key-images 3 --out m.dcm
    (writes m.dcm and m-kin.dcm; check them with: mcwg validate kos m.dcm m-kin.dcm)`,
    )
    .action(
      (o: {
        study: string;
        retrieveUrl: string;
        keyImages?: string;
        out: string;
        locationUid?: string;
        aeTitle?: string;
        patientIssuerOid?: string;
        accessionIssuerOid?: string;
        placerIssuerOid?: string;
      }) => {
        const keyImages = o.keyImages === undefined ? undefined : Number(o.keyImages);
        if (keyImages !== undefined && (!Number.isInteger(keyImages) || keyImages < 1))
          throw new UsageError(`--key-images ${o.keyImages}: expected a positive integer`);
        try {
          new URL(o.retrieveUrl);
        } catch {
          throw new UsageError(`--retrieve-url ${o.retrieveUrl}: not an absolute URL`);
        }
        let res;
        try {
          res = kosFromFolder(o.study, {
            retrieveUrl: o.retrieveUrl,
            ...(keyImages ? { keyImages } : {}),
            ...(o.locationUid ? { retrieveLocationUid: o.locationUid } : {}),
            ...(o.aeTitle ? { retrieveAeTitle: o.aeTitle } : {}),
            ...(o.patientIssuerOid ? { patientIssuerOid: o.patientIssuerOid } : {}),
            ...(o.accessionIssuerOid ? { accessionIssuerOid: o.accessionIssuerOid } : {}),
            ...(o.placerIssuerOid ? { placerIssuerOid: o.placerIssuerOid } : {}),
          });
        } catch (err) {
          throw new UsageError((err as Error).message);
        }
        mkdirSync(dirname(o.out), { recursive: true });
        writeFileSync(o.out, res.manifest);
        const n = res.study.series.reduce((k, s) => k + s.instances.length, 0);
        io.out(`${o.out}: manifest of study ${res.study.studyInstanceUid}, ${res.study.series.length} series, ${n} instances\n`);
        if (res.kin) {
          const kinOut = o.out.replace(/(\.dcm)?$/i, '-kin.dcm');
          writeFileSync(kinOut, res.kin);
          io.out(`${kinOut}: key-image note (113000 Of Interest)\n`);
        }
        for (const s of res.skipped.slice(0, 10)) io.err(`skipped ${s.file}: ${s.why}\n`);
        if (res.skipped.length > 10) io.err(`skipped ${res.skipped.length - 10} more file(s)\n`);
      },
    );
};
