import { PNG } from 'pngjs';
import { decodePngBounded } from '../images/png';
import type { BundleModel, ExportSource, ModelEvidence } from './bundle-model';
import { evidenceReader } from '../evidence/evidence-reader';

export const THUMBNAILS_PER_CONTROL = 3;
/** Bounds the time and size of index.pdf however many screenshots a workspace holds. */
export const MAX_THUMBNAILS = 120;
const THUMB_WIDTH = 420;
/** Larger files are listed without a preview; larger images too (see images/png.ts). */
const MAX_DECODE_BYTES = 64 * 1024 * 1024;

/** The newest PNG screenshots of a control, newest first, at most `THUMBNAILS_PER_CONTROL`. */
export function screenshotsToPreview(evidence: ModelEvidence[]): ModelEvidence[] {
  return evidence
    .filter((e) => e.record.kind === 'screenshot' && e.record.mediaType === 'image/png')
    .sort((a, b) => b.record.capturedAt.localeCompare(a.record.capturedAt))
    .slice(0, THUMBNAILS_PER_CONTROL);
}

/**
 * Downscales a PNG to a small opaque RGB PNG (box filter over whole source pixels, alpha
 * composited on white). An opaque, non-interlaced PNG is embedded by the PDF writer without
 * re-decoding, which keeps index.pdf fast to build and small.
 */
export function thumbnailPng(bytes: Buffer, maxWidth = THUMB_WIDTH): Buffer {
  const src = decodePngBounded(bytes);
  const scale = Math.max(1, Math.ceil(src.width / maxWidth));
  const width = Math.max(1, Math.floor(src.width / scale));
  const height = Math.max(1, Math.floor(src.height / scale));
  const out = new PNG({ width, height, colorType: 2, inputColorType: 6, inputHasAlpha: true });
  const area = scale * scale;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < scale; dy++) {
        let i = ((y * scale + dy) * src.width + x * scale) * 4;
        for (let dx = 0; dx < scale; dx++, i += 4) {
          const a = src.data[i + 3]! / 255;
          r += src.data[i]! * a + 255 * (1 - a);
          g += src.data[i + 1]! * a + 255 * (1 - a);
          b += src.data[i + 2]! * a + 255 * (1 - a);
        }
      }
      const o = (y * width + x) * 4;
      out.data[o] = r / area;
      out.data[o + 1] = g / area;
      out.data[o + 2] = b / area;
      out.data[o + 3] = 255;
    }
  }
  return PNG.sync.write(out, { colorType: 2, inputColorType: 6, inputHasAlpha: true });
}

/** Thumbnails keyed by evidence id; the files are hash-checked as they are read. */
export async function buildThumbnails(
  model: BundleModel,
  source: ExportSource,
  signal?: AbortSignal,
): Promise<Map<string, Buffer>> {
  const thumbs = new Map<string, Buffer>();
  const wanted = new Map<string, ModelEvidence>();
  for (const control of model.controls) {
    for (const item of screenshotsToPreview(control.evidence)) {
      if (wanted.size >= MAX_THUMBNAILS) break;
      wanted.set(item.record.id, item);
    }
  }
  for (const item of wanted.values()) {
    signal?.throwIfAborted();
    if (item.record.size > MAX_DECODE_BYTES) continue;
    const bytes = await evidenceReader(source.evidence).bytes(item.record);
    try {
      thumbs.set(item.record.id, thumbnailPng(bytes));
    } catch {
      // A PNG that is too large or that the decoder refuses is still exported; it just has no preview.
    }
  }
  return thumbs;
}
