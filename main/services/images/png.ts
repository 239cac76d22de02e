import { inflateSync } from 'node:zlib';
import { PNG } from 'pngjs';

/**
 * PNG decoding bounded by what the file really holds. The header's width and height are
 * checked against the pixel limit before anything is inflated, and the image data is inflated
 * with a hard cap at exactly the size those dimensions need: a file whose data inflates to more
 * (a "bomb" behind a small header) stops at the first byte beyond it.
 */
export const MAX_DECODE_PIXELS = 24_000_000;

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlaced: boolean;
}

export class PngRefused extends Error {}

/** The IHDR chunk, which the format requires first; refuses a file without a sane one. */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 33 || !buf.subarray(0, 8).equals(SIGNATURE)) throw new PngRefused('it has no PNG signature');
  if (buf.readUInt32BE(8) !== 13 || buf.toString('latin1', 12, 16) !== 'IHDR')
    throw new PngRefused('its first chunk is not the IHDR header the format requires');
  const header = {
    width: buf.readUInt32BE(16),
    height: buf.readUInt32BE(20),
    bitDepth: buf[24]!,
    colorType: buf[25]!,
    interlaced: buf[28] === 1,
  };
  if (header.width === 0 || header.height === 0 || header.width > 0x7fffffff || header.height > 0x7fffffff)
    throw new PngRefused(`its header declares ${header.width}×${header.height} pixels`);
  if (CHANNELS[header.colorType] === undefined || ![1, 2, 4, 8, 16].includes(header.bitDepth))
    throw new PngRefused(`its header declares colour type ${header.colorType} at ${header.bitDepth} bits`);
  return header;
}

/** The exact number of bytes the image data inflates to for these dimensions (filter bytes included). */
export function inflatedSize(h: PngHeader): number {
  const bitsPerPixel = CHANNELS[h.colorType]! * h.bitDepth;
  const rows = (w: number, r: number) => (w === 0 || r === 0 ? 0 : r * (1 + Math.ceil((w * bitsPerPixel) / 8)));
  if (!h.interlaced) return rows(h.width, h.height);
  return ADAM7.reduce(
    (sum, [x0, y0, dx, dy]) => sum + rows(Math.ceil((h.width - x0) / dx), Math.ceil((h.height - y0) / dy)),
    0,
  );
}

function imageData(buf: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 8; at + 12 <= buf.length;) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    if (at + 12 + length > buf.length) throw new PngRefused(`its ${type} chunk runs past the end of the file`);
    if (type === 'IDAT') parts.push(buf.subarray(at + 8, at + 8 + length));
    if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!parts.length) throw new PngRefused('it holds no image data');
  return Buffer.concat(parts);
}

/**
 * Decodes a PNG into RGBA pixels, or refuses it with the limit and the real size: declared
 * pixels over `maxPixels`, or image data inflating beyond what the header allows.
 */
export function decodePngBounded(bytes: Buffer, maxPixels = MAX_DECODE_PIXELS): PNG {
  const header = readPngHeader(bytes);
  const pixels = header.width * header.height;
  if (pixels > maxPixels)
    throw new PngRefused(
      `it declares ${header.width}×${header.height} = ${pixels} pixels, over the ${maxPixels} pixel limit`,
    );
  const expected = inflatedSize(header);
  try {
    inflateSync(imageData(bytes), { maxOutputLength: expected });
  } catch (error) {
    if (error instanceof PngRefused) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new PngRefused(`its image data inflates to more than the ${expected} bytes its header allows`);
    throw new PngRefused(`its image data is damaged (${(error as Error).message})`);
  }
  return PNG.sync.read(bytes);
}
