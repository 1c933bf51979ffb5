// Registry content: a query response must carry repository-filled attributes and urn:uuid ids.
import { describe, expect, test } from 'vitest';
import { conformantQueryResponse } from '../../fixtures/builders/ebrim-query-response.ts';
import { writeAdhocQueryResponse } from '../../protocols/ebrim/index.ts';
import { validateEbrimXml } from './validate-ebrim.ts';

const DEP = "/query:AdhocQueryResponse/rim:RegistryObjectList/rim:ExtrinsicObject[@id='urn:uuid:00000001-0000-4000-8000-000000000000']";

describe('AdhocQueryResponse metadata', () => {
  test('a conformant 3-entry response passes clean', () => {
    expect(
      validateEbrimXml(writeAdhocQueryResponse(conformantQueryResponse(3)), 'q.xml').findings.filter((f) => f.severity !== 'info'),
    ).toEqual([]);
  });

  test('flags a missing repositoryUniqueId and a symbolic id', () => {
    const q = conformantQueryResponse(1);
    const de = q.objects.documentEntries[0]!;
    de.slots = de.slots.filter((s) => s.name !== 'repositoryUniqueId');
    const f = validateEbrimXml(writeAdhocQueryResponse(q), 'q.xml').findings;
    expect(f.filter((x) => x.ruleId === 'xds.entry.required').map((x) => x.location.path)).toEqual([
      `${DEP}/rim:Slot[@name='repositoryUniqueId']`,
    ]);
    de.id = 'Document01';
    const g = validateEbrimXml(writeAdhocQueryResponse(q), 'q.xml').findings;
    expect(g.filter((x) => x.ruleId === 'xds.identifiers.syntax').map((x) => x.location.path)).toEqual([
      "/query:AdhocQueryResponse/rim:RegistryObjectList/rim:ExtrinsicObject[@id='Document01']/@id",
    ]);
  });
});
