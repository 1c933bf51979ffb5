// XDS-030 (SHOULD): an initiating gateway caches where a patient's data lives instead of
// rediscovering it for every query. What we can observe from our communities: two successive
// FindDocuments for patient 2, whom community d knows but holds nothing for. A gateway that
// remembers asks d at most once; one that rediscovers per query asks it both times. We do not
// answer XCPD (ITI-55): a gateway that discovers by XCPD is seen only by the ITI-38 it then
// sends, which is what is counted.
import { defineStep, type StepDef } from '../../../engine/dsl.ts';
import { federation, findDocuments, finding, seenBy, settled } from '../calls.ts';
import { communityOf, nationalCx, PATIENTS } from '../communities.ts';

export function cachesLocation(): StepDef {
  return defineStep({
    id: 'location-cache',
    title: 'Two queries for one patient: the community without data for them is asked at most once',
    verifies: ['XDS-030'],
    async run(ctx) {
      const f = federation(ctx);
      const d = communityOf(f, 'empty');
      const national = nationalCx(PATIENTS.second);
      const local = d.locals[national]!.split('^')[0]!;
      const asked = () => seenBy(f, d, 'ITI-38').filter((e) => (e.request.body ?? '').includes(local));
      const before = asked().length;
      const first = await findDocuments(ctx, national);
      const second = await findDocuments(ctx, national);
      for (const q of [first, second])
        if (!q.response)
          return ctx.fromFindings([
            finding('ig.cache.query', ['XDS-030'], q.exchange, 'soap:Body', `no AdhocQueryResponse: ${q.error ?? ''}; nothing to observe`),
          ]);
      // The first query's ITI-38 (if any) is recorded by now; a second one may still be on its way.
      const times = (await settled(asked, (l) => l.length - before >= 2, 300)).length - before;
      if (times >= 2)
        return ctx.fromFindings(
          [
            finding(
              'ig.cache.rediscovers',
              ['XDS-030'],
              second.exchange,
              'ITI-38',
              `community ${d.home} holds nothing for the patient and was asked ${times} times in two queries: the gateway rediscovers the patient's location for every query`,
            ),
          ],
          [first.exchange.id, second.exchange.id],
        );
      return {
        state: 'pass',
        message: `community ${d.home} asked ${times} time(s) in two queries`,
        evidence: [first.exchange.id, second.exchange.id],
      };
    },
  });
}
