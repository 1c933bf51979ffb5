// Streaming MTOM writer: the root envelope first, then each attachment, without joining them
// into one buffer, so a large retrieve is never copied whole.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';

export interface Attachment {
  contentId: string;
  contentType: string;
  data: Buffer | AsyncIterable<Uint8Array>;
}

export interface MtomBody {
  contentType: string;
  stream: Readable;
}

export const ROOT_CID = 'root.message@mcwg';

// The action travels in wsa:Action; it is left out of start-info because escaped quotes
// inside a quoted MIME parameter trip several parsers.
export function writeMtom(rootXml: string, attachments: readonly Attachment[]): MtomBody {
  const boundary = `MIMEBoundary_${randomUUID().replaceAll('-', '')}`;
  const contentType =
    `multipart/related; type="application/xop+xml"; boundary="${boundary}"; start="<${ROOT_CID}>"; ` + 'start-info="application/soap+xml"';
  async function* generate(): AsyncGenerator<Buffer> {
    yield Buffer.from(
      `--${boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; type="application/soap+xml"\r\n` +
        `Content-Transfer-Encoding: binary\r\nContent-ID: <${ROOT_CID}>\r\n\r\n`,
    );
    yield Buffer.from(rootXml, 'utf8');
    for (const a of attachments) {
      yield Buffer.from(
        `\r\n--${boundary}\r\nContent-Type: ${a.contentType}\r\nContent-Transfer-Encoding: binary\r\nContent-ID: <${a.contentId}>\r\n\r\n`,
      );
      if (Buffer.isBuffer(a.data)) yield a.data;
      else for await (const c of a.data) yield Buffer.from(c);
    }
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return { contentType, stream: Readable.from(generate()) };
}

/** The xop:Include element that points at an attachment. */
export function xopInclude(contentId: string): string {
  return `<xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="cid:${encodeURIComponent(contentId).replaceAll('%40', '@')}"/>`;
}
