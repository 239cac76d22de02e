import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../../main/services/export/verify';
import { rawZip, unicodePathField, type RawEntry } from './hostile-zip';
import { scenarioWorkspace, type Scenario } from './scenario';

/** Every file of a real bundle, to rebuild it byte by byte with one hostile change. */
function filesOf(folder: string): RawEntry[] {
  const out: RawEntry[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push({ name: relative(folder, path), data: readFileSync(path) });
    }
  };
  walk(folder);
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

describe('verify rejects entries that would extract differently from what was checked', () => {
  let s: Scenario;
  let bundle: RawEntry[];
  let dir: string;

  beforeAll(async () => {
    s = await scenarioWorkspace();
    const out = join(dirname(s.folder), 'good.zip');
    await s.services.exports.run({ outPath: out });
    const unzipped = mkdtempSync(join(tmpdir(), 'aw-entries-src-'));
    execFileSync('unzip', ['-q', out, '-d', unzipped]);
    bundle = filesOf(unzipped);
    dir = mkdtempSync(join(tmpdir(), 'aw-entries-'));
  }, 60_000);
  afterAll(() => s.services.workspaces.close());

  const check = async (name: string, entries: RawEntry[]) => {
    const path = join(dir, `${name}.zip`);
    writeFileSync(path, rawZip(entries));
    return verifyBundle(path);
  };
  const withEntry = (change: (e: RawEntry) => RawEntry, target = 'README.txt') =>
    bundle.map((e) => (e.name === target ? change(e) : e));

  it('accepts the bundle rebuilt entry by entry (so each failure below is the hostile entry alone)', async () => {
    const report = await check('rebuilt', bundle);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  // Entries verify skips as unsafe: the one problem is the entry itself.
  it.each<[string, RawEntry, RegExp]>([
    [
      'a symlink',
      { name: 'evidence/link', data: '/etc/passwd', unixMode: 0o120777 },
      /^Unsafe entry "evidence\/link": it is a symbolic link/,
    ],
    [
      'a named pipe',
      { name: 'evidence/pipe', unixMode: 0o010644 },
      /^Unsafe entry "evidence\/pipe": it is a special file \(Unix type 10000\)/,
    ],
    [
      'a folder marked as a file',
      { name: 'evidence/x', unixMode: 0o040755 },
      /^Unsafe entry "evidence\/x": it is marked as a folder but named like a file/,
    ],
    [
      'a colon',
      { name: 'evidence/a:b.txt', data: 'x' },
      /^Unsafe entry "evidence\/a:b\.txt": it contains ":", which Windows does not allow/,
    ],
    [
      'a backslash',
      { name: 'evidence\\x.txt', data: 'x' },
      /^Unsafe entry "evidence\\\\x\.txt": it contains a backslash/,
    ],
    [
      'a reserved device name',
      { name: 'evidence/iam/CON.txt', data: 'x' },
      /^Unsafe entry "evidence\/iam\/CON\.txt": it uses "CON\.txt", a reserved device name on Windows/,
    ],
    ['a bare reserved name', { name: 'nul', data: 'x' }, /^Unsafe entry "nul": it uses "nul", a reserved device name/],
    [
      'a trailing dot',
      { name: 'evidence/iam/file.', data: 'x' },
      /^Unsafe entry "evidence\/iam\/file\.": it has "file\.", ending in a dot or space/,
    ],
    [
      'a trailing space in a folder',
      { name: 'evidence/iam /file.txt', data: 'x' },
      /^Unsafe entry "evidence\/iam \/file\.txt": it has "iam ", ending in a dot or space/,
    ],
  ])('rejects %s, naming the entry', async (label, hostile, message) => {
    const report = await check(label.replace(/\W+/g, '-'), [...bundle, hostile]);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.stringMatching(message)]);
  });

  it('rejects a Unicode Path extra field (0x7075) that renames an entry, naming both names', async () => {
    const report = await check(
      'unicode-alias',
      withEntry((e) => ({ ...e, extra: unicodePathField('README.txt', '../../evil.txt') })),
    );
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.stringMatching(
        /^Entry "README\.txt" carries a Unicode Path extra field \(0x7075\), which names it "\.\.\/\.\.\/evil\.txt"/,
      ),
    ]);
  });

  it('rejects a Unicode Path extra field even when it repeats the name', async () => {
    const report = await check(
      'unicode-same',
      withEntry((e) => ({ ...e, extra: unicodePathField('README.txt', 'README.txt') })),
    );
    expect(report.problems).toEqual([
      'Entry "README.txt" carries a Unicode Path extra field (0x7075). Bundles never carry one.',
    ]);
  });

  it('rejects a local header that names the entry differently from the central directory', async () => {
    const report = await check(
      'local-name',
      withEntry((e) => ({ ...e, localName: 'README.exe' })),
    );
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      'Entry "README.txt" is called "README.exe" in its local header: tools that read one or the other would extract different files.',
    ]);
  });

  it('rejects a name that is both a file and a folder of another entry', async () => {
    const report = await check('file-folder', [...bundle, { name: 'index.pdf/page.txt', data: 'x' }]);
    expect(report.problems).toContainEqual(
      '"index.pdf" is a file, but "index.pdf/page.txt" uses it as a folder: one of them cannot be extracted.',
    );
  });

  it('rejects a file and a folder entry of the same name', async () => {
    const report = await check('file-folder-entry', [...bundle, { name: 'README.txt/' }]);
    expect(report.problems).toContainEqual(
      '"README.txt" is a file, but "README.txt/" uses it as a folder: one of them cannot be extracted.',
    );
  });

  it('rejects a duplicate name, and names that differ only in letter case', async () => {
    const twice = await check('twice', [...bundle, bundle.find((e) => e.name === 'README.txt')!]);
    expect(twice.problems).toEqual(['README.txt appears twice in the ZIP: an unzip tool would keep only one of them.']);
    const cased = await check('cased', [...bundle, { name: 'readme.TXT', data: 'x' }]);
    expect(cased.problems).toContainEqual(
      '"README.txt" and "readme.TXT" differ only in letter case: on Windows and macOS one overwrites the other.',
    );
  });
});
