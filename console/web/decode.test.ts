// The evidence viewer's decoders: each marks exactly what the finding's path points at.
import { describe, expect, it } from 'vitest';
import { kosSubmission } from '../../fixtures/builders/ebrim-kos-submission.ts';
import { decodeBody, fhirPathKey, hl7View, jsonLines, utf8Behind, xmlLines, xpathTarget } from './decode.ts';

describe('XML', () => {
  it("marks the element the XPath's last step names, with its attribute predicate", () => {
    const xml = '<a><rim:Slot name="x"/><rim:Slot name="creationTime"><v>1</v></rim:Slot></a>';
    const lines = xmlLines(xml, ["/a/rim:Slot[@name='creationTime']"]);
    expect(lines.filter((l) => l.hit).map((l) => l.text.trim())).toEqual(['<rim:Slot name="creationTime">']);
    expect(lines.map((l) => l.text)).toContain('    <v>1</v>');
    expect(xpathTarget('/a/b/@id')).toEqual({ name: 'b' });
  });
});

describe('FHIR JSON', () => {
  it('marks the lines under the FHIRPath, whatever the resource type prefix', () => {
    const lines = jsonLines({ resourceType: 'Bundle', entry: [{ resource: { subject: { reference: 'P/1' } } }, { resource: {} }] }, [
      'Bundle.entry[0].resource.subject',
    ]);
    expect(lines.filter((l) => l.hit).map((l) => l.text.trim())).toEqual(['"subject": {', '"reference": "P/1"']);
    expect(fhirPathKey('entry[1].resource')).toBe('entry[1].resource');
  });
});

describe('HL7 v2', () => {
  it('lists fields as SEG-n (MSH counted from its separator) and repeated segments by occurrence', () => {
    const v = hl7View('MSH|^~\\&|A\rOBX|1|TX\rOBX|2|RP\r', ['OBX[2]-2', 'MSH-3.1']);
    expect(v.segments.map((s) => s.name)).toEqual(['MSH-2', 'MSH-3', 'OBX-1', 'OBX-2', 'OBX[2]-1', 'OBX[2]-2']);
    expect(v.segments.filter((s) => s.hit).map((s) => s.name)).toEqual(['MSH-3', 'OBX[2]-2']);
  });

  it('reads a UTF-8 message kept as latin1 chars as UTF-8, and leaves real latin1 alone', () => {
    expect(utf8Behind(Buffer.from('Hélène', 'utf8').toString('latin1'))).toBe('Hélène');
    expect(utf8Behind('H\u00e9l\u00e8ne')).toBe('H\u00e9l\u00e8ne');
  });
});

describe('DICOM and multipart', () => {
  it("shows a KOS as a tag table with the finding's tag path marked", async () => {
    const { kos } = kosSubmission();
    const v = await decodeBody(kos, 'application/dicom', ['(0040,A375)[0]>(0008,1115)']);
    expect(v.tags.find((t) => t.path === '(0008,0016)')?.value).toBe('1.2.840.10008.5.1.4.1.1.88.59');
    const hits = v.tags.filter((t) => t.hit).map((t) => t.path);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((p) => p.startsWith('(0040,A375)[0]>(0008,1115)') || p === '(0040,A375)')).toBe(true);
  });

  it('lists multipart parts and decodes the first XML one', async () => {
    const body = Buffer.from(
      '--b\r\nContent-Type: application/xop+xml\r\nContent-ID: <root>\r\n\r\n<a><b/></a>\r\n--b\r\nContent-Type: application/octet-stream\r\n\r\nxyz\r\n--b--\r\n',
    );
    const v = await decodeBody(body, 'multipart/related; boundary=b; type="application/xop+xml"', ['/a/b']);
    expect(v.parts.map((p) => [p.contentType, p.size])).toEqual([
      ['application/xop+xml', 11],
      ['application/octet-stream', 3],
    ]);
    expect(v.lines.filter((l) => l.hit).map((l) => l.text.trim())).toEqual(['<b/>']);
  });
});
