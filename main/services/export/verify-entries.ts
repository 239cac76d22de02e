import type { Entry, ZipFile } from 'yauzl';
import { escapeControls } from '../../../shared/text/escape-controls';
import { unsafeEntryReason } from './layout';

/**
 * Entry-level checks for verify. A bundle is opened by people with whatever unzip tool they
 * have, so an entry must mean the same file to all of them: no links or devices, one name
 * (not a second one hidden in an extra field or the local header), and nothing that Windows
 * or a case-insensitive disk would write somewhere else or over another entry.
 */

const UNICODE_PATH_FIELD = 0x7075;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const WINDOWS_FORBIDDEN = /[<>:"|?*]/;

const shown = (name: string) => escapeControls(JSON.stringify(name).slice(1, -1)).slice(0, 120);
const decode = (raw: Buffer, flags: number) => ((flags & 0x800) !== 0 ? raw.toString('utf8') : raw.toString('latin1'));
/** How Windows and macOS disks compare names: letter case and Unicode composition do not count. */
const folded = (name: string) => name.normalize('NFC').toLowerCase();

export const entryName = (entry: Entry) => decode(entry.fileName as unknown as Buffer, entry.generalPurposeBitFlag);

function parseExtraFields(raw: Buffer): { id: number; data: Buffer }[] {
  const fields: { id: number; data: Buffer }[] = [];
  for (let i = 0; i + 4 <= raw.length;) {
    const end = i + 4 + raw.readUInt16LE(i + 2);
    fields.push({ id: raw.readUInt16LE(i), data: raw.subarray(i + 4, Math.min(end, raw.length)) });
    i = end;
  }
  return fields;
}

/** Why an entry is not a plain file or folder according to its attributes, or null. */
function typeReason(entry: Entry, name: string): string | null {
  const folder = name.endsWith('/');
  if (entry.versionMadeBy >>> 8 === UNIX_HOST) {
    const type = (entry.externalFileAttributes >>> 16) & S_IFMT;
    if (type === S_IFLNK) return 'is a symbolic link: extracting it would point outside the bundle';
    if (type !== 0 && type !== S_IFREG && type !== S_IFDIR)
      return `is a special file (Unix type ${type.toString(8)}), not a regular file or folder`;
    if (type === S_IFDIR && !folder) return 'is marked as a folder but named like a file';
    if (type === S_IFREG && folder) return 'is marked as a regular file but named like a folder';
  }
  if (folder && entry.uncompressedSize > 0) return 'is a folder entry that holds data';
  return null;
}

/** Why Windows would refuse the name or write it under another one, or null. */
function windowsReason(name: string): string | null {
  for (const segment of name.replace(/\/$/, '').split('/')) {
    const forbidden = WINDOWS_FORBIDDEN.exec(segment)?.[0];
    if (forbidden) return `contains "${forbidden}", which Windows does not allow in file names`;
    if (WINDOWS_RESERVED.test(segment)) return `uses "${segment}", a reserved device name on Windows`;
    if (/[. ]$/.test(segment))
      return `has "${segment}", ending in a dot or space, which Windows drops when it writes the file`;
  }
  return null;
}

/** The other names an entry carries: Info-ZIP Unicode Path fields and the local header's name. */
async function nameMismatches(zip: ZipFile, entry: Entry, name: string): Promise<string[]> {
  const problems: string[] = [];
  const local = await zip.readLocalFileHeaderPromise(entry);
  const localName = decode(local.fileName, local.generalPurposeBitFlag);
  if (localName !== name) {
    problems.push(
      `Entry "${shown(name)}" is called "${shown(localName)}" in its local header: tools that read one or the other would extract different files.`,
    );
  }
  // The same field usually sits in both headers: one problem per name it gives.
  const fields = [...entry.extraFields, ...parseExtraFields(local.extraField)].filter(
    (f) => f.id === UNICODE_PATH_FIELD,
  );
  const aliases = new Set(fields.map((f) => (f.data.length > 5 ? f.data.subarray(5).toString('utf8') : '')));
  for (const alias of aliases) {
    const differs =
      alias !== name
        ? `, which names it "${shown(alias)}"; tools that honour the field would extract it under that name`
        : '';
    problems.push(
      `Entry "${shown(name)}" carries a Unicode Path extra field (0x7075)${differs}. Bundles never carry one.`,
    );
  }
  return problems;
}

/** Names that would collide once extracted: exact and case-insensitive duplicates, a file that is also a folder. */
function collisions(names: string[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const folders = new Map<string, string>();
  for (const name of names) {
    const key = folded(name);
    const earlier = seen.get(key);
    if (earlier === name)
      problems.push(`${shown(name)} appears twice in the ZIP: an unzip tool would keep only one of them.`);
    else if (earlier !== undefined)
      problems.push(
        `"${shown(earlier)}" and "${shown(name)}" differ only in letter case: on Windows and macOS one overwrites the other.`,
      );
    else seen.set(key, name);
    const segments = name.replace(/\/$/, '').split('/');
    for (let i = 1; i < segments.length; i++) folders.set(folded(segments.slice(0, i).join('/')), name);
    if (name.endsWith('/')) folders.set(key.slice(0, -1), name);
  }
  for (const name of names) {
    const inside = folders.get(folded(name));
    if (!name.endsWith('/') && inside !== undefined) {
      problems.push(
        `"${shown(name)}" is a file, but "${shown(inside)}" uses it as a folder: one of them cannot be extracted.`,
      );
    }
  }
  return problems;
}

/**
 * Checks every entry's name and type and returns the regular files that are safe to read, by
 * name. Unsafe entries are reported and left out; nothing is ever extracted.
 */
export async function inspectEntries(
  zip: ZipFile,
  entries: Entry[],
): Promise<{ files: Map<string, Entry>; folders: string[]; problems: string[] }> {
  const problems: string[] = [];
  const files = new Map<string, Entry>();
  const folders: string[] = [];
  const names: string[] = [];
  for (const entry of entries) {
    const name = entryName(entry);
    const reason = unsafeEntryReason(name) ?? windowsReason(name) ?? typeReason(entry, name);
    if (reason) {
      problems.push(
        `Unsafe entry "${shown(name)}": it ${reason}. A bundle never holds such an entry, and nothing was extracted.`,
      );
      continue;
    }
    const mismatches = await nameMismatches(zip, entry, name).catch((error: Error) => [
      `Entry "${shown(name)}" has an unreadable local header (${error.message}).`,
    ]);
    problems.push(...mismatches);
    names.push(name);
    if (name.endsWith('/')) folders.push(name);
    else if (entry.isEncrypted()) problems.push(`${name} is encrypted; bundles are never encrypted.`);
    else files.set(name, entry);
  }
  problems.push(...collisions(names));
  return { files, folders, problems };
}
