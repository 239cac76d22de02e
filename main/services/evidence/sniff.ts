import { promises as fs } from 'node:fs';

/**
 * What a file is, judged by its structure rather than by a magic string somewhere in it: the
 * signature a format puts at its start, the trailer it puts at its end, and any second format
 * the same bytes also are (a "polyglot", which one program opens as one thing and another as
 * something else: the auditor must see what the preparer saw).
 */
export type Format = 'png' | 'jpeg' | 'pdf' | 'zip' | 'binary' | 'text';
export type Sniffed =
  | { verdict: 'format'; format: Format }
  | { verdict: 'polyglot'; formats: [string, string] }
  | { verdict: 'damaged'; format: Format; why: string };

export const FORMAT_LABELS: Record<Format, string> = {
  png: 'a PNG image',
  jpeg: 'a JPEG image',
  pdf: 'a PDF document',
  zip: 'a ZIP archive',
  binary: 'binary data',
  text: 'text',
};

/** PDF readers accept the header within the first 1024 bytes (ISO 32000-1, implementation note 13). */
export const PDF_HEADER_WINDOW = 1024;
/** The end-of-file marker must be near the end; readers look in the last kilobyte. */
const PDF_TRAILER_WINDOW = 1024;
/** The ZIP end record sits in the last 22 bytes plus at most a 65,535-byte comment. */
const ZIP_END_WINDOW = 22 + 0xffff;
export const HEAD_BYTES = 4096;

const SIGNATURES: { label: string; format?: Format; bytes: number[] }[] = [
  { label: 'a PNG image', format: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { label: 'a JPEG image', format: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { label: 'a ZIP archive', format: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { label: 'a PDF document', format: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { label: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { label: 'a Windows program', bytes: [0x4d, 0x5a] },
  { label: 'a Linux program', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { label: 'an old-style Office or installer file', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { label: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { label: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21] },
  { label: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
];
const PDF_HEADER = Buffer.from('%PDF-');
const PDF_EOF = Buffer.from('%%EOF');
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const ZIP_LOCAL = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

const startsWith = (buf: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => buf[at + i] === b);
const signatureAt = (buf: Buffer, at = 0) => SIGNATURES.find((s) => startsWith(buf, s.bytes, at));

/** Markup (HTML, XML, SVG) starts with "<" after white space or a byte-order mark. */
function markupStart(buf: Buffer): boolean {
  let i = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  while (i < buf.length && (buf[i] === 0x20 || buf[i] === 0x09 || buf[i] === 0x0a || buf[i] === 0x0d)) i++;
  return buf[i] === 0x3c;
}

/** Judges a file from its first `HEAD_BYTES` and its last 64 KiB. */
export function sniffBytes(head: Buffer, tail: Buffer): Sniffed {
  const start = signatureAt(head);
  const pdfAt = head.subarray(0, PDF_HEADER_WINDOW).indexOf(PDF_HEADER);
  const zipEnd = tail.lastIndexOf(ZIP_END) >= 0;
  const hasTrailer = tail.subarray(Math.max(0, tail.length - PDF_TRAILER_WINDOW)).indexOf(PDF_EOF) >= 0;
  let format: Format;
  if (start?.format === 'pdf') format = 'pdf';
  else if (pdfAt > 0 && (hasTrailer || start !== undefined || markupStart(head))) {
    // The header may follow some bytes, as readers allow, but not another format's start.
    const before = head.subarray(0, pdfAt);
    const other = start ?? (markupStart(before) ? { label: 'an HTML or XML document' } : undefined);
    const zipInside = before.indexOf(ZIP_LOCAL) >= 0 ? { label: 'a ZIP archive' } : undefined;
    const first = other ?? zipInside;
    if (first) return { verdict: 'polyglot', formats: [first.label, 'a PDF document'] };
    format = 'pdf';
  } else if (start?.format) format = start.format;
  else if (start) return { verdict: 'format', format: 'binary' };
  else format = head.includes(0) ? 'binary' : 'text';

  if (zipEnd && format !== 'zip') return { verdict: 'polyglot', formats: [FORMAT_LABELS[format], 'a ZIP archive'] };
  if (format === 'pdf' && !hasTrailer)
    return {
      verdict: 'damaged',
      format,
      why: `it has no end-of-file marker (%%EOF) in its last ${PDF_TRAILER_WINDOW} bytes: it was cut short, or something was appended to it`,
    };
  return { verdict: 'format', format };
}

export async function sniffFile(path: string): Promise<Sniffed> {
  const handle = await fs.open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES));
    await handle.read(head, 0, head.length, 0);
    const tailLength = Math.min(size, ZIP_END_WINDOW);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    return sniffBytes(head, tail);
  } finally {
    await handle.close();
  }
}
