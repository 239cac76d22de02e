import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { deflateRawSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DOCUMENT_BYTES, verifyBundle } from '../../../main/services/export/verify';
import { centralRecords, endOf, insertBytes, localEntry, rawZip, type RawEntry } from './hostile-zip';
import { scenarioWorkspace, type Scenario } from './scenario';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('verify requires the entries to tile the ZIP exactly', () => {
  let s: Scenario;
  let good: Buffer;
  let seal: string;
  let dir: string;

  beforeAll(async () => {
    s = await scenarioWorkspace();
    const out = join(dirname(s.folder), 'layout.zip');
    seal = (await s.services.exports.run({ outPath: out })).seal;
    good = readFileSync(out);
    dir = mkdtempSync(join(tmpdir(), 'aw-layout-'));
  }, 60_000);
  afterAll(() => {
    s.services.workspaces.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const check = async (name: string, zip: Buffer, options: Parameters<typeof verifyBundle>[1] = {}) => {
    const path = join(dir, `${name}.zip`);
    writeFileSync(path, zip);
    return verifyBundle(path, { expectedSeal: seal, ...options });
  };

  it('accepts the bundle as exported, data descriptors included', async () => {
    // yazl streams evidence files, so their entries end with a data descriptor (bit 3).
    expect(centralRecords(good).some((r) => (r.flags & 0x08) !== 0)).toBe(true);
    const report = await check('good', good);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('accepts the bundle zipped again by Info-ZIP: streamed through a pipe (data descriptors) and ZIP64 end records', async () => {
    const unzipped = mkdtempSync(join(dir, 'rezip-'));
    writeFileSync(join(dir, 'rezip-source.zip'), good);
    execFileSync('unzip', ['-q', join(dir, 'rezip-source.zip'), '-d', unzipped]);
    execFileSync('sh', ['-c', `zip -q -r - . | cat > ${JSON.stringify(join(dir, 'piped.zip'))}`], { cwd: unzipped });
    execFileSync('zip', ['-q', '-r', '-fz', join(dir, 'zip64.zip'), '.'], { cwd: unzipped });
    const piped = readFileSync(join(dir, 'piped.zip'));
    expect(centralRecords(piped).some((r) => (r.flags & 0x08) !== 0)).toBe(true);
    expect((await verifyBundle(join(dir, 'piped.zip'), { expectedSeal: seal })).problems).toEqual([]);
    const zip64 = readFileSync(join(dir, 'zip64.zip'));
    expect(zip64.readUInt32LE(zip64.length - 22 - 20)).toBe(0x07064b50);
    expect((await verifyBundle(join(dir, 'zip64.zip'), { expectedSeal: seal })).problems).toEqual([]);
  });

  it('rejects an entry hidden before the first one, the seal notwithstanding (smuggle.py)', async () => {
    const hidden = localEntry('../../tmp/rev/pwned.txt', 'pwned\n');
    const smuggled = insertBytes(good, 0, hidden);
    // The central directory still describes the original bundle exactly: same files, same seal.
    const report = await check('smuggled', smuggled);
    expect(report.seal).toBe(seal);
    expect(report.sealMatches).toBe(true);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      `The ZIP has ${hidden.length} bytes at offset 0 that belong to no entry, before the first entry (found a local file header for "../../tmp/rev/pwned.txt"): a streaming unzip tool would read them, verify cannot check them.`,
    ]);
  });

  it('rejects a gap between two entries, naming its offset and both entries', async () => {
    const [first, second] = centralRecords(good).sort((a, b) => a.offset - b.offset);
    const report = await check('gap', insertBytes(good, second!.offset, localEntry('evidence/extra.txt', 'x')));
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      `The ZIP has 49 bytes at offset ${second!.offset} that belong to no entry, between "${first!.name}" and "${second!.name}" (found a local file header for "evidence/extra.txt"): a streaming unzip tool would read them, verify cannot check them.`,
    ]);
  });

  it('rejects bytes between the last entry and the central directory', async () => {
    const { cdOffset } = endOf(good);
    const report = await check('before-cd', insertBytes(good, cdOffset, Buffer.from('junk')));
    expect(report.problems).toEqual([
      `The ZIP has 4 bytes at offset ${cdOffset}, after the last entry and before the central directory (found bytes 6a 75 6e 6b): a streaming unzip tool would read them, verify cannot check them.`,
    ]);
  });

  it('rejects bytes after the end-of-central-directory record, and a ZIP comment', async () => {
    const appended = await check('appended', Buffer.concat([good, Buffer.from('PK\x03\x04 tail')]));
    expect(appended.ok).toBe(false);
    expect(appended.problems).toHaveLength(1);
    // The same bytes made into a comment, so ZIP readers accept the file: still refused.
    const commented = Buffer.concat([good, Buffer.from('hello')]);
    commented.writeUInt16LE(5, good.length - 2);
    const report = await check('comment', commented);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      `The ZIP carries a 5-byte comment at offset ${good.length}; bundles never carry one.`,
    ]);
  });

  it('rejects bytes hidden inside the central directory', async () => {
    const { eocd, cdSize } = endOf(good);
    const zip = insertBytes(good, eocd, Buffer.from('PK\x01\x02hidden'));
    zip.writeUInt32LE(cdSize + 10, zip.length - 22 + 12);
    const report = await check('in-cd', zip);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.stringMatching(
        /^The ZIP's central directory is \d+ bytes, but its \d+ entries take \d+: 10 bytes at offset \d+ belong to no entry \(found a central directory header\)\.$/,
      ),
    ]);
  });

  it('rejects a data descriptor that does not state the entry’s CRC-32 and sizes', async () => {
    const streamed = centralRecords(good).find((r) => (r.flags & 0x08) !== 0)!;
    const zip = Buffer.from(good);
    const dataEnd =
      streamed.offset +
      30 +
      zip.readUInt16LE(streamed.offset + 26) +
      zip.readUInt16LE(streamed.offset + 28) +
      streamed.compressedSize;
    expect(zip.readUInt32LE(dataEnd)).toBe(0x08074b50);
    zip.writeUInt32LE(zip.readUInt32LE(dataEnd + 8) + 1, dataEnd + 8);
    const report = await check('descriptor', zip);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      `Entry "${streamed.name}" announces a data descriptor, but at offset ${dataEnd}, where its data ends, there is a data descriptor, not a descriptor stating its CRC-32 and sizes.`,
    );
  });

  it('rejects a local header whose sizes end the entry early, hiding another inside its data', async () => {
    // Central directory: one stored file of 5 + hidden bytes. Local header: 5 bytes, so a
    // streaming tool extracts "hello" and then the hidden entry from the rest of the data.
    const hidden = localEntry('../evil.sh', 'rm -rf ~\n');
    const zip = rawZip([{ name: 'a.txt', data: Buffer.concat([Buffer.from('hello'), hidden]) }]);
    const local = localEntry('a.txt', 'hello').subarray(0, 30);
    local.copy(zip, 0, 0, 30);
    const report = await check('short-local', zip);
    expect(report.problems).toContainEqual(
      expect.stringMatching(
        /^Entry "a\.txt"'s local header states CRC-32 [0-9a-f]+, 5 compressed and 5 uncompressed bytes, but the central directory [0-9a-f]+, 54 and 54: a streaming unzip tool would read another span of the file\.$/,
      ),
    );
  });

  it('rejects bytes after the end of an entry’s deflate stream, which inflaters skip', async () => {
    const entries = centralRecords(good).map((r): RawEntry => ({ name: r.name, data: Buffer.alloc(0) }));
    const unzipped = mkdtempSync(join(dir, 'x-'));
    writeFileSync(join(dir, 'source.zip'), good);
    execFileSync('unzip', ['-q', join(dir, 'source.zip'), '-d', unzipped]);
    for (const e of entries) e.data = readFileSync(join(unzipped, e.name));
    const readme = entries.find((e) => e.name === 'README.txt')!;
    const hidden = localEntry('../evil.sh', 'rm -rf ~\n');
    readme.deflated = Buffer.concat([deflateRawSync(readme.data!), hidden]);
    const report = await check('deflate-trailing', rawZip(entries));
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      `README.txt's compressed data ends ${hidden.length} bytes before its entry does: a streaming unzip tool would read those bytes as what follows the entry, and verify cannot check them.`,
    ]);
    // The same entry without the hidden bytes is fine: the check is about them alone.
    readme.deflated = deflateRawSync(readme.data!);
    expect((await check('deflated', rawZip(entries))).problems).toEqual([]);
  });

  it('rejects two entries that share their bytes', async () => {
    const entries: RawEntry[] = [
      { name: 'a.txt', data: 'same' },
      { name: 'b.txt', data: 'same' },
    ];
    const zip = rawZip(entries);
    const records = centralRecords(zip);
    zip.writeUInt32LE(0, records[1]!.at + 42);
    const report = await check('overlap', zip);
    expect(report.problems).toContainEqual(
      'Entry "b.txt" starts at offset 0, inside "a.txt", which ends at offset 39: entries must not overlap.',
    );
  });
});

describe('verify refuses key files too large to check', () => {
  let s: Scenario;
  let dir: string;
  let files: Map<string, Buffer>;

  beforeAll(async () => {
    s = await scenarioWorkspace();
    dir = mkdtempSync(join(tmpdir(), 'aw-bigdoc-'));
    const out = join(dir, 'bundle.zip');
    await s.services.exports.run({ outPath: out });
    const unzipped = join(dir, 'x');
    execFileSync('unzip', ['-q', out, '-d', unzipped]);
    const names = execFileSync('find', ['.', '-type', 'f'], { cwd: unzipped, encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((f) => f.slice(2));
    files = new Map(names.sort().map((n) => [n, readFileSync(join(unzipped, n))]));
  }, 60_000);
  afterAll(() => {
    s.services.workspaces.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the limit is 256 MB', () => {
    expect(MAX_DOCUMENT_BYTES).toBe(256 * 1024 * 1024);
  });

  it('a padded manifest.json with tampered evidence and a rebuilt SHA256SUMS is refused, not skipped (bigman.py)', async () => {
    const manifest = files.get('manifest.json')!;
    const edited = new Map(files);
    // bigman.py pads with 257 MB; the limit is lowered instead, so the test stays fast.
    const limit = manifest.length + 1024;
    edited.set('manifest.json', Buffer.concat([manifest, Buffer.alloc(2048, ' ')]));
    const evidence = [...edited.keys()].find((n) => n.startsWith('evidence/'))!;
    edited.set(evidence, Buffer.from('TAMPERED evidence\n'));
    const sums = [...edited].filter(([n]) => n !== 'SHA256SUMS').map(([n, b]) => `${sha(b)}  ${n}\n`);
    edited.set('SHA256SUMS', Buffer.from(sums.join('')));
    const path = join(dir, 'bigman.zip');
    writeFileSync(path, rawZip([...edited].map(([name, data]) => ({ name, data }))));

    const report = await verifyBundle(path, { maxDocumentBytes: limit });
    expect(report.ok).toBe(false);
    expect(report.fingerprint).toBeNull();
    expect(report.problems).toContainEqual(
      expect.stringMatching(
        /^manifest\.json is [\d.]+ KB, larger than any manifest\.json this app writes \(at most [\d.]+ KB\): refused/,
      ),
    );
    // The same bundle under the real limit is checked, and the tampered evidence found.
    const checked = await verifyBundle(path);
    expect(checked.ok).toBe(false);
    expect(checked.problems).toContainEqual(
      expect.stringContaining(`(${evidence}) does not match the SHA-256 recorded when it was captured.`),
    );
  });

  it.each(['SHA256SUMS', 'README.txt', 'index.html'])('an oversized %s is refused', async (name) => {
    const path = join(dir, `big-${name}.zip`);
    writeFileSync(path, rawZip([...files].map(([n, data]) => ({ name: n, data }))));
    const report = await verifyBundle(path, { maxDocumentBytes: files.get(name)!.length - 1 });
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(
      expect.stringMatching(new RegExp(`^${name.replace('.', '\\.')} is .*: refused`)),
    );
  });
});
