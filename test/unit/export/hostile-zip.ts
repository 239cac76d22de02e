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
    const crc = crc32(data);
    const mode = entry.unixMode ?? (entry.name.endsWith('/') ? 0o40755 : 0o100644);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(localName.length, 26);
    local.writeUInt16LE(extra.length, 28);
    locals.push(local, localName, extra, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(UNIX_MADE_BY, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, extra);
    offset += 30 + localName.length + extra.length + data.length;
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
