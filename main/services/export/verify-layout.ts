import { open, type FileHandle } from 'node:fs/promises';
import type { Entry } from 'yauzl';
import { entryName } from './verify-entries';

/**
 * Verify reads a bundle through its central directory, but streaming unzip tools (Java's
 * ZipInputStream, `unzip` reading a pipe, many upload scanners) read the local headers from the
 * start of the file instead. Bytes that no central directory entry covers can therefore hold an
 * entry that verify never saw and the seal never pinned. So the file must tile exactly: local
 * header, data and data descriptor of each entry, one after another from offset 0, then the
 * central directory, then its end records and nothing else (bundles carry no ZIP comment).
 *
 * Reads only headers, with positioned reads: memory stays flat whatever the bundle size.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const DATA_DESCRIPTOR = 0x08074b50;
const END_RECORD = 0x06054b50;
const ZIP64_END_RECORD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const END_RECORD_SIZE = 22;
const ZIP64_LOCATOR_SIZE = 20;
const ZIP64_END_RECORD_SIZE = 56;
const MAX_COMMENT = 0xffff;
const HAS_DATA_DESCRIPTOR = 0x08;
const ENCRYPTED = 0x01;
const ZIP64_FIELD = 0x0001;

const shown = (name: string) => JSON.stringify(name).slice(1, -1).slice(0, 120);
const u64 = (b: Buffer, at: number) => Number(b.readBigUInt64LE(at));

class Reader {
  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  /** Up to `length` bytes at `offset`; fewer at the end of the file. */
  async read(offset: number, length: number): Promise<Buffer> {
    const n = Math.max(0, Math.min(length, this.size - offset));
    const buffer = Buffer.alloc(n);
    if (n === 0) return buffer;
    const { bytesRead } = await this.handle.read(buffer, 0, n, offset);
    return buffer.subarray(0, bytesRead);
  }

  /** What sits at `offset`, in words (of raw bytes, at most `span`); the start of a hidden entry is named. */
  async describe(offset: number, span = 16): Promise<string> {
    if (offset >= this.size) return 'the end of the file';
    const head = await this.read(offset, 30);
    const signature = head.length >= 4 ? head.readUInt32LE(0) : -1;
    if (signature === LOCAL_HEADER && head.length === 30) {
      const raw = await this.read(offset + 30, head.readUInt16LE(26));
      const name = (head.readUInt16LE(6) & 0x800) !== 0 ? raw.toString('utf8') : raw.toString('latin1');
      return `a local file header for "${shown(name)}"`;
    }
    if (signature === CENTRAL_HEADER) return 'a central directory header';
    if (signature === DATA_DESCRIPTOR) return 'a data descriptor';
    if (signature === END_RECORD || signature === ZIP64_END_RECORD || signature === ZIP64_LOCATOR)
      return 'an end-of-central-directory record';
    const count = Math.min(16, span);
    const bytes = head.subarray(0, count);
    return `bytes ${bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ')}${span > count && head.length > count ? ' ...' : ''}`;
  }
}

/** Where the central directory is, according to the end records; problems with anything after it. */
async function readEnd(
  reader: Reader,
  problems: string[],
): Promise<{ cdOffset: number; cdSize: number; tailStart: number } | null> {
  const size = reader.size;
  const window = await reader.read(Math.max(0, size - END_RECORD_SIZE - MAX_COMMENT), END_RECORD_SIZE + MAX_COMMENT);
  const windowStart = size - window.length;
  let at = -1;
  for (let i = window.length - END_RECORD_SIZE; i >= 0; i--) {
    if (window.readUInt32LE(i) === END_RECORD) {
      at = i;
      break;
    }
  }
  if (at < 0) {
    problems.push('The ZIP has no end-of-central-directory record in its last 64 KB.');
    return null;
  }
  const eocd = windowStart + at;
  const commentLength = window.readUInt16LE(at + 20);
  if (commentLength > 0) {
    problems.push(
      `The ZIP carries a ${commentLength}-byte comment at offset ${eocd + END_RECORD_SIZE}; bundles never carry one.`,
    );
  }
  const after = eocd + END_RECORD_SIZE + commentLength;
  if (after < size) {
    problems.push(
      `The ZIP has ${size - after} bytes at offset ${after}, after its end-of-central-directory record (found ${await reader.describe(after, size - after)}); bundles end with that record.`,
    );
  } else if (after > size) {
    problems.push(
      `The ZIP's end-of-central-directory record at offset ${eocd} announces a ${commentLength}-byte comment, but the file ends ${after - size} bytes before it.`,
    );
  }
  let cdSize = window.readUInt32LE(at + 12);
  let cdOffset = window.readUInt32LE(at + 16);
  let tailStart = eocd;
  const locatorAt = eocd - ZIP64_LOCATOR_SIZE;
  if (locatorAt >= 0) {
    const locator = await reader.read(locatorAt, ZIP64_LOCATOR_SIZE);
    if (locator.readUInt32LE(0) === ZIP64_LOCATOR) {
      const recordAt = u64(locator, 8);
      const record = await reader.read(recordAt, ZIP64_END_RECORD_SIZE);
      if (record.length < ZIP64_END_RECORD_SIZE || record.readUInt32LE(0) !== ZIP64_END_RECORD) {
        problems.push(
          `The ZIP64 end-of-central-directory locator points to offset ${recordAt}, where there is ${await reader.describe(recordAt)}, not a ZIP64 end record.`,
        );
        return null;
      }
      const recordEnd = recordAt + 12 + u64(record, 4);
      if (recordEnd !== locatorAt) {
        problems.push(
          recordEnd < locatorAt
            ? `The ZIP has ${locatorAt - recordEnd} bytes at offset ${recordEnd}, between its ZIP64 end record and the locator (found ${await reader.describe(recordEnd, locatorAt - recordEnd)}).`
            : `The ZIP64 end record at offset ${recordAt} runs ${recordEnd - locatorAt} bytes into the locator at offset ${locatorAt}.`,
        );
      }
      cdSize = u64(record, 40);
      cdOffset = u64(record, 48);
      tailStart = recordAt;
    }
  }
  if (cdOffset + cdSize !== tailStart) {
    const end = cdOffset + cdSize;
    problems.push(
      end < tailStart
        ? `The ZIP has ${tailStart - end} bytes at offset ${end}, between its central directory and the end records (found ${await reader.describe(end, tailStart - end)}).`
        : `The ZIP's central directory (offset ${cdOffset}, ${cdSize} bytes) runs ${end - tailStart} bytes into its end records at offset ${tailStart}.`,
    );
  }
  return { cdOffset, cdSize, tailStart };
}

/** The CRC-32 and sizes a local header states, the ZIP64 extra field resolved. */
function localSizes(header: Buffer, extra: Buffer) {
  let usize = header.readUInt32LE(22);
  let csize = header.readUInt32LE(18);
  for (let i = 0; i + 4 <= extra.length;) {
    const id = extra.readUInt16LE(i);
    const length = extra.readUInt16LE(i + 2);
    if (id === ZIP64_FIELD) {
      let j = i + 4;
      if (usize === 0xffffffff && j + 8 <= i + 4 + length && j + 8 <= extra.length) {
        usize = u64(extra, j);
        j += 8;
      }
      if (csize === 0xffffffff && j + 8 <= i + 4 + length && j + 8 <= extra.length) csize = u64(extra, j);
      break;
    }
    i += 4 + length;
  }
  return { crc: header.readUInt32LE(14), csize, usize };
}

/** The data descriptor's length when one at `offset` states the entry's CRC-32 and sizes, else null. */
async function descriptorLength(reader: Reader, offset: number, entry: Entry): Promise<number | null> {
  const b = await reader.read(offset, 24);
  const zip64First = entry.extraFields.some((f) => f.id === ZIP64_FIELD);
  for (const signed of [true, false]) {
    if (signed && (b.length < 4 || b.readUInt32LE(0) !== DATA_DESCRIPTOR)) continue;
    const s = signed ? 4 : 0;
    for (const wide of zip64First ? [true, false] : [false, true]) {
      const length = s + (wide ? 20 : 12);
      if (b.length < length) continue;
      const crc = b.readUInt32LE(s);
      const csize = wide ? u64(b, s + 4) : b.readUInt32LE(s + 4);
      const usize = wide ? u64(b, s + 12) : b.readUInt32LE(s + 8);
      if (crc === entry.crc32 >>> 0 && csize === entry.compressedSize && usize === entry.uncompressedSize)
        return length;
    }
  }
  return null;
}

/**
 * Checks that the entries tile the file exactly (see above). Names in local headers are compared
 * with the central directory by inspectEntries; this checks everything else a streaming reader
 * relies on: where each entry starts and ends, its method, flags, CRC-32 and sizes.
 */
export async function checkLayout(path: string, entries: Entry[]): Promise<string[]> {
  const problems: string[] = [];
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    return [`${path} cannot be read (${(error as Error).message}).`];
  }
  try {
    const reader = new Reader(handle, (await handle.stat()).size);
    const end = await readEnd(reader, problems);
    if (!end) return problems;

    const recordBytes = entries.reduce(
      (sum, e) => sum + 46 + e.fileNameLength + e.extraFieldLength + e.fileCommentLength,
      0,
    );
    if (recordBytes !== end.cdSize) {
      const at = end.cdOffset + recordBytes;
      problems.push(
        recordBytes < end.cdSize
          ? `The ZIP's central directory is ${end.cdSize} bytes, but its ${entries.length} entries take ${recordBytes}: ${end.cdSize - recordBytes} bytes at offset ${at} belong to no entry (found ${await reader.describe(at, end.cdSize - recordBytes)}).`
          : `The ZIP's central directory is ${end.cdSize} bytes, but its ${entries.length} entries take ${recordBytes}.`,
      );
    }

    const ordered = [...entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
    /** Where the previous entry ends; null when it could not be told. */
    let cursor: number | null = 0;
    let previous: string | null = null;
    for (const entry of ordered) {
      const name = shown(entryName(entry));
      const offset = entry.relativeOffsetOfLocalHeader;
      if (cursor !== null && offset > cursor) {
        const where = previous === null ? 'before the first entry' : `between "${previous}" and "${name}"`;
        problems.push(
          `The ZIP has ${offset - cursor} bytes at offset ${cursor} that belong to no entry, ${where} (found ${await reader.describe(cursor, offset - cursor)}): a streaming unzip tool would read them, verify cannot check them.`,
        );
      } else if (cursor !== null && offset < cursor) {
        problems.push(
          `Entry "${name}" starts at offset ${offset}, inside "${previous}", which ends at offset ${cursor}: entries must not overlap.`,
        );
      }
      previous = name;
      cursor = null;
      const header = await reader.read(offset, 30);
      if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_HEADER) {
        problems.push(
          `Entry "${name}" should start with a local file header at offset ${offset}, but there is ${await reader.describe(offset)}.`,
        );
        continue;
      }
      const nameLength = header.readUInt16LE(26);
      const extraLength = header.readUInt16LE(28);
      const extra = await reader.read(offset + 30 + nameLength, extraLength);
      const flags = header.readUInt16LE(6);
      const method = header.readUInt16LE(8);
      const centralFlags = entry.generalPurposeBitFlag;
      if (
        (flags & HAS_DATA_DESCRIPTOR) !== (centralFlags & HAS_DATA_DESCRIPTOR) ||
        (flags & ENCRYPTED) !== (centralFlags & ENCRYPTED)
      ) {
        problems.push(
          `Entry "${name}" has general-purpose flags 0x${flags.toString(16)} in its local header but 0x${centralFlags.toString(16)} in the central directory.`,
        );
      }
      if (method !== entry.compressionMethod) {
        problems.push(
          `Entry "${name}" has compression method ${method} in its local header but ${entry.compressionMethod} in the central directory: a streaming unzip tool would extract other bytes.`,
        );
      }
      const dataEnd = offset + 30 + nameLength + extraLength + entry.compressedSize;
      if ((flags & HAS_DATA_DESCRIPTOR) === 0) {
        const local = localSizes(header, extra);
        if (
          local.crc !== entry.crc32 >>> 0 ||
          local.csize !== entry.compressedSize ||
          local.usize !== entry.uncompressedSize
        ) {
          problems.push(
            `Entry "${name}"'s local header states CRC-32 ${local.crc.toString(16)}, ${local.csize} compressed and ${local.usize} uncompressed bytes, but the central directory ${(entry.crc32 >>> 0).toString(16)}, ${entry.compressedSize} and ${entry.uncompressedSize}: a streaming unzip tool would read another span of the file.`,
          );
        }
        cursor = dataEnd;
      } else {
        const length = await descriptorLength(reader, dataEnd, entry);
        if (length === null) {
          problems.push(
            `Entry "${name}" announces a data descriptor, but at offset ${dataEnd}, where its data ends, there is ${await reader.describe(dataEnd)}, not a descriptor stating its CRC-32 and sizes.`,
          );
        } else {
          cursor = dataEnd + length;
        }
      }
    }
    if (cursor !== null && cursor !== end.cdOffset) {
      problems.push(
        cursor < end.cdOffset
          ? `The ZIP has ${end.cdOffset - cursor} bytes at offset ${cursor}, after the last entry and before the central directory (found ${await reader.describe(cursor, end.cdOffset - cursor)}): a streaming unzip tool would read them, verify cannot check them.`
          : `The last entry${previous === null ? '' : `, "${previous}",`} ends at offset ${cursor}, inside the central directory, which starts at offset ${end.cdOffset}.`,
      );
    }
    return problems;
  } finally {
    await handle.close();
  }
}
