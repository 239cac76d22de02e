/**
 * A JPEG's frame header (SOFn), found by walking its marker segments from the start, each by
 * its declared length, within the bytes actually read. The app never decodes a JPEG itself,
 * but the Evidence screen shows it and an auditor's viewer opens it: a small file declaring
 * 65535×65535 pixels would take gigabytes to display, so imports are judged by what the header
 * declares, before anything is stored.
 */

/** A 100-megapixel photo is larger than any screenshot or phone camera (48 MP) an audit needs. */
export const MAX_JPEG_PIXELS = 100_000_000;

/** How far into the file the frame header may be (EXIF, ICC and XMP segments come before it). */
export const JPEG_HEADER_SEARCH_BYTES = 2 * 1024 * 1024;

/** The markers of a frame header: baseline, extended, progressive, lossless, hierarchical, arithmetic. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
/** Markers without a length field. */
const STANDALONE = new Set([0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7]);

export interface JpegHeader {
  width: number;
  height: number;
  components: number;
}

export class JpegRefused extends Error {}

/** Reads the frame header from the file's first bytes (`head`, at most JPEG_HEADER_SEARCH_BYTES of them). */
export function readJpegHeader(head: Uint8Array, maxPixels = MAX_JPEG_PIXELS): JpegHeader {
  const buf = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) throw new JpegRefused('it has no JPEG start marker');
  let at = 2;
  while (at + 2 <= buf.length) {
    if (buf[at] !== 0xff) throw new JpegRefused(`byte ${at} should start a marker segment and does not`);
    const marker = buf[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (STANDALONE.has(marker)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda)
      throw new JpegRefused(
        `its ${marker === 0xd9 ? 'end' : 'image data'} comes before any frame header (the image size)`,
      );
    if (at + 4 > buf.length) break;
    const length = buf.readUInt16BE(at + 2);
    if (length < 2) throw new JpegRefused(`the segment at byte ${at} declares a length of ${length}`);
    if (SOF.has(marker)) {
      if (at + 2 + length > buf.length || length < 8)
        throw new JpegRefused(`its frame header at byte ${at} runs past the end of the file`);
      const height = buf.readUInt16BE(at + 5);
      const width = buf.readUInt16BE(at + 7);
      const components = buf[at + 9]!;
      if (width === 0 || height === 0) throw new JpegRefused(`its frame header declares ${width}×${height} pixels`);
      if (width * height > maxPixels)
        throw new JpegRefused(
          `its header declares ${width}×${height} = ${width * height} pixels, over the ${maxPixels} pixel limit`,
        );
      return { width, height, components };
    }
    at += 2 + length;
  }
  throw new JpegRefused(
    buf.length >= JPEG_HEADER_SEARCH_BYTES
      ? `no frame header (the image size) in its first ${JPEG_HEADER_SEARCH_BYTES / 1024 / 1024} MB`
      : 'it ends before its frame header (the image size)',
  );
}
