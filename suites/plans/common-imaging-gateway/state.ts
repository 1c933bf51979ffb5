// What the tests of one gateway run share: the study we loaded into the legacy PACS, the
// manifest the gateway published for it, and the finding helper.
import type { Exchange } from '../../../model/exchange.ts';
import type { DocumentEntry } from '../../../protocols/ebrim/index.ts';
import type { ManifestFacts } from '../../../validators/manifest-facts.ts';

export interface SeededStudy {
  studyUid: string;
  /** Series UID -> SOP Instance UIDs, as stored in the PACS. */
  series: Map<string, string[]>;
}

export interface PlanState {
  seeded?: SeededStudy;
  manifest?: { exchange: Exchange; entry: DocumentEntry; facts?: ManifestFacts; artefact: string };
  /** Our final report's HL7 exchange, once the gateway acknowledged it (start of GW-002's clock). */
  reportExchange?: Exchange;
  /** The report the gateway published (ITI-41): where its viewer link is read (GW-009). */
  publishedReport?: { exchange: Exchange; entry: DocumentEntry };
}

export { artefactFinding as finding, need } from '../common/step-kit.ts';
