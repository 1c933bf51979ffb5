// What the tests of one run share: the answer to the federated FindDocuments, which the partial
// success test judges and the retrieve tests take their document from.
import type { Queried } from './calls.ts';

export interface PlanState {
  find?: Queried;
}
