import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewEvidence } from '../../../main/services/evidence/evidence-store';
import { createTestWorkspace, DANA, tempDir } from '../helpers/services';
import { tinyPng, write } from './files';

const DETAILS = { title: 'Root MFA', effectiveDate: '2026-11-20', controlIds: ['iam-root-account'] };
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

const snapshotFields = (title: string): NewEvidence => ({
  title,
  kind: 'api_snapshot',
  mediaType: 'application/json',
  fileName: 'iam-GetAccountSummary.json',
  controlIds: ['iam-root-account'],
  source: {
    type: 'aws_api',
    calls: [{ service: 'iam', operation: 'GetAccountSummary', requestId: 'req-1', at: '2026-11-26T10:00:00.000Z' }],
  },
  effectiveDate: '2026-11-26',
  capturedBy: DANA,
});

/** Changes one byte and puts size and mtime back, as a careful hand edit would. */
function sneakyEdit(path: string): Buffer {
  const before = statSync(path);
  const bytes = readFileSync(path);
  bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
  chmodSync(path, 0o644);
  writeFileSync(path, bytes);
  chmodSync(path, 0o444);
  utimesSync(path, before.atime, before.mtime);
  return bytes;
}

async function importedOnce() {
  const ctx = await createTestWorkspace();
  const dir = tempDir();
  const original = tinyPng(7);
  const source = write(dir, 'root-mfa.png', original);
  const first = await ctx.services.imports.importFile(source, 'root-mfa.png', DETAILS, 'file picker');
  const store = ctx.services.workspaces.require().evidence;
  return {
    ...ctx,
    original,
    source,
    first,
    store,
    stored: store.filePath(first.sha256),
    damagedDir: join(ctx.folder, 'evidence', 'damaged'),
  };
}

describe('a good copy repairs a damaged evidence file', () => {
  it('re-importing the original repairs a file edited behind the app (same size), keeps the damaged copy and logs it', async () => {
    const { services, original, source, first, stored, damagedDir } = await importedOnce();
    const edited = sneakyEdit(stored);
    expect((await services.evidence.item(first.id)).integrity).toBe('tampered');

    const second = await services.imports.importFile(
      source,
      'root-mfa.png',
      { ...DETAILS, title: 'Root MFA again' },
      'file picker',
    );
    expect(second.sha256).toBe(first.sha256);
    // Both records verify: the stored file holds exactly the bytes its name says.
    expect(readFileSync(stored).equals(original)).toBe(true);
    expect(sha(readFileSync(stored))).toBe(first.sha256);
    expect(statSync(stored).mode & 0o777).toBe(0o444);
    expect((await services.evidence.item(first.id)).integrity).toBe('ok');
    expect((await services.evidence.item(second.id)).integrity).toBe('ok');
    expect((await services.evidence.content(first.id)).encoding).toBe('base64');

    // The damaged file is kept, byte for byte, never deleted.
    const kept = readdirSync(damagedDir);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(new RegExp(`^${first.sha256}-\\d{8}T\\d{9}Z$`));
    expect(readFileSync(join(damagedDir, kept[0]!)).equals(edited)).toBe(true);

    const { entries } = await services.workspaces.require().activity.read();
    const repaired = entries.filter((e) => e.action === 'evidence.repaired');
    expect(repaired).toHaveLength(1);
    expect(repaired[0]).toMatchObject({
      actor: DANA,
      summary: `Repaired evidence file ${first.sha256} from a new copy; the damaged file is kept at evidence/damaged/${kept[0]}`,
      details: { sha256: first.sha256, evidenceId: second.id, damagedFile: `evidence/damaged/${kept[0]}` },
    });
    // The new record's provenance shows the repair.
    expect((await services.evidence.provenance(second.id)).activity.map((e) => e.action)).toContain(
      'evidence.repaired',
    );
  });

  it('repairs a file of another size, and a capture (bytes) repairs just like an import', async () => {
    const { services, folder } = await createTestWorkspace();
    const store = services.workspaces.require().evidence;
    const content = '{"SummaryMap":{"AccountMFAEnabled":1}}';
    const a = await store.addBytes(content, snapshotFields('First run'));
    const path = store.filePath(a.sha256);
    chmodSync(path, 0o644);
    writeFileSync(path, '{"SummaryMap":{"AccountMFAEnabled":0}} ');
    expect(await store.verify(a)).toBe('tampered');

    const b = await store.addBytes(content, snapshotFields('Second run'));
    expect(await store.verify(a)).toBe('ok');
    expect(await store.verify(b)).toBe('ok');
    const kept = readdirSync(join(folder, 'evidence', 'damaged'));
    expect(kept.map((n) => readFileSync(join(folder, 'evidence', 'damaged', n), 'utf8'))).toEqual([
      '{"SummaryMap":{"AccountMFAEnabled":0}} ',
    ]);
    const { entries } = await services.workspaces.require().activity.read();
    expect(entries.filter((e) => e.action === 'evidence.repaired')).toHaveLength(1);
  });

  it('keeps every damaged copy when the same file is damaged and repaired twice, and two simultaneous repairs move only the damaged bytes aside', async () => {
    const { services, source, first, stored, damagedDir, original } = await importedOnce();
    sneakyEdit(stored);
    await Promise.all([
      services.imports.importFile(source, 'root-mfa.png', DETAILS, 'file picker'),
      services.imports.importFile(source, 'root-mfa.png', DETAILS, 'file picker'),
    ]);
    expect(readdirSync(damagedDir)).toHaveLength(1);
    chmodSync(stored, 0o644);
    writeFileSync(stored, 'not a png at all');
    await services.imports.importFile(source, 'root-mfa.png', DETAILS, 'file picker');
    const kept = readdirSync(damagedDir).map((n) => readFileSync(join(damagedDir, n)));
    expect(kept).toHaveLength(2);
    expect(kept.every((b) => !b.equals(original))).toBe(true);
    expect(kept.map((b) => b.toString('latin1'))).toContain('not a png at all');
    expect(readFileSync(stored).equals(original)).toBe(true);
    for (const item of await services.evidence.list()) expect(item.integrity).toBe('ok');
    expect((await services.evidence.item(first.id)).integrity).toBe('ok');
  });

  it('still stores identical content once and never rewrites an intact file', async () => {
    const { services, source, first, stored, damagedDir, store, folder } = await importedOnce();
    const before = statSync(stored);
    const again = await services.imports.importFile(source, 'root-mfa.png', DETAILS, 'file picker');
    const bytesAgain = await store.addBytes(readFileSync(source), {
      ...snapshotFields('Same bytes'),
      kind: 'screenshot',
      mediaType: 'image/png',
      fileName: 'x.png',
    });
    expect(again.sha256).toBe(first.sha256);
    expect(bytesAgain.sha256).toBe(first.sha256);
    const after = statSync(stored);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.ctimeMs).toBe(before.ctimeMs);
    expect(readdirSync(join(folder, 'evidence', 'files'))).toEqual([first.sha256]);
    expect(existsSync(damagedDir)).toBe(false);
    const { entries } = await services.workspaces.require().activity.read();
    expect(entries.some((e) => e.action === 'evidence.repaired')).toBe(false);
  });

  it('writes a deleted file again without calling it a repair', async () => {
    const { services, source, first, stored, damagedDir, original } = await importedOnce();
    chmodSync(stored, 0o644);
    rmSync(stored);
    expect((await services.evidence.item(first.id)).integrity).toBe('missing');
    await services.imports.importFile(source, 'root-mfa.png', DETAILS, 'file picker');
    expect(readFileSync(stored).equals(original)).toBe(true);
    expect((await services.evidence.item(first.id)).integrity).toBe('ok');
    expect(existsSync(damagedDir)).toBe(false);
  });
});
