import { crc32 } from 'node:zlib';

/**
 * A minimal ZIP writer (stored entries only) that writes exactly what it is told, including
 * what no honest tool writes: symlinks, a different name in the local header, extra fields,
 * duplicate names. Verify's tests use it to build hostile bundles byte by byte.
 */
export interface RawEntry {
  name: string;
  data?: Buffer | string;
  /** The name written in the local header; defaults to `name`. */
  localName?: string;
  /** Extra field bytes, written in both headers. */
  extra?: Buffer;
  /** Unix mode including the file type bits; defaults to a regular file (or folder for "x/"). */
  unixMode?: number;
  /** Written instead of `data` as a deflated entry (method 8); `data` still gives the CRC-32 and size. */
  deflated?: Buffer;
  /** With `deflated` and no `data`: what it inflates to, so large entries need not be held twice. */
  inflated?: { crc32: number; size: number };
}

const UNIX_MADE_BY = (3 << 8) | 30;

/** An Info-ZIP Unicode Path extra field (0x7075) that gives `headerName` the name `alias`. */
export function unicodePathField(headerName: string, alias: string): Buffer {
  const name = Buffer.from(alias, 'utf8');
  const field = Buffer.alloc(4 + 5 + name.length);
  field.writeUInt16LE(0x7075, 0);
  field.writeUInt16LE(5 + name.length, 2);
  field.writeUInt8(1, 4);
  field.writeUInt32LE(crc32(Buffer.from(headerName, 'utf8')), 5);
  name.copy(field, 9);
  return field;
}

export function rawZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    const name = Buffer.from(entry.name, 'utf8');
    const localName = Buffer.from(entry.localName ?? entry.name, 'utf8');
    const extra = entry.extra ?? Buffer.alloc(0);
    const crc = entry.inflated?.crc32 ?? crc32(data);
    const size = entry.inflated?.size ?? data.length;
    const mode = entry.unixMode ?? (entry.name.endsWith('/') ? 0o40755 : 0o100644);
    const stored = entry.deflated ?? data;
    const method = entry.deflated ? 8 : 0;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(localName.length, 26);
    local.writeUInt16LE(extra.length, 28);
    locals.push(local, localName, extra, stored);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(UNIX_MADE_BY, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, extra);
    offset += 30 + localName.length + extra.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A stored local entry (header, name, data) as a streaming unzip tool would read it; no central record. */
export function localEntry(name: string, data: Buffer | string): Buffer {
  const bytes = Buffer.from(data);
  const raw = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt32LE(crc32(bytes), 14);
  header.writeUInt32LE(bytes.length, 18);
  header.writeUInt32LE(bytes.length, 22);
  header.writeUInt16LE(raw.length, 26);
  return Buffer.concat([header, raw, bytes]);
}

/** The end-of-central-directory record's position and the central directory's (no ZIP64, no comment). */
export function endOf(zip: Buffer) {
  const eocd = zip.length - 22;
  if (zip.readUInt32LE(eocd) !== 0x06054b50) throw new Error('no end record at the end');
  return { eocd, cdSize: zip.readUInt32LE(eocd + 12), cdOffset: zip.readUInt32LE(eocd + 16) };
}

/** Each central directory record's position, name and local header offset. */
export function centralRecords(
  zip: Buffer,
): { at: number; name: string; offset: number; flags: number; compressedSize: number }[] {
  const { cdOffset, cdSize } = endOf(zip);
  const out = [];
  for (let i = cdOffset; i < cdOffset + cdSize;) {
    const n = zip.readUInt16LE(i + 28);
    out.push({
      at: i,
      name: zip.toString('utf8', i + 46, i + 46 + n),
      offset: zip.readUInt32LE(i + 42),
      flags: zip.readUInt16LE(i + 8),
      compressedSize: zip.readUInt32LE(i + 20),
    });
    i += 46 + n + zip.readUInt16LE(i + 30) + zip.readUInt16LE(i + 32);
  }
  return out;
}

/**
 * Inserts bytes at `at` (an entry boundary or the central directory's start) and moves every
 * offset behind it, so the central directory still finds every entry: what /tmp/rev/smuggle.py
 * did to hide an entry at the start of a real bundle.
 */
export function insertBytes(zip: Buffer, at: number, bytes: Buffer): Buffer {
  const shift = (position: number) => (position >= at ? position + bytes.length : position);
  const { eocd, cdOffset } = endOf(zip);
  const out = Buffer.concat([zip.subarray(0, at), bytes, zip.subarray(at)]);
  for (const record of centralRecords(zip)) out.writeUInt32LE(shift(record.offset), shift(record.at) + 42);
  out.writeUInt32LE(shift(cdOffset), shift(eocd) + 16);
  return out;
}
