// Reads only the DICOM header of a Part 10 file: the first 64 KiB (more only when the header
// is longer), stopping at Pixel Data, so indexing a 2 GB study reads a few MB.
import { open } from 'node:fs/promises';
import type { Part10 } from '../../protocols/dicom/data-set.ts';
import { readPart10 } from '../../protocols/dicom/reader.ts';

const FIRST_READ = 64 * 1024;
const MAX_HEADER = 64 * 1024 * 1024;

export async function readHeader(path: string): Promise<Part10> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    let want = Math.min(size, FIRST_READ);
    for (;;) {
      const buf = Buffer.alloc(want);
      const { bytesRead } = await fh.read(buf, 0, want, 0);
      const f = readPart10(buf.subarray(0, bytesRead), { stopAtPixelData: true });
      const cut = f.problems.some((p) => p.code === 'truncated');
      if (!cut || f.stoppedAtPixelData || want >= size || want >= MAX_HEADER) return f;
      want = Math.min(size, want * 8, MAX_HEADER);
    }
  } finally {
    await fh.close();
  }
}
