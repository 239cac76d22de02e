import { chmodSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestWorkspace, tempDir } from '../helpers/services';
import { tinyPng, write } from './files';

const DETAILS = { title: 'Root MFA', effectiveDate: '2026-11-20', controlIds: ['iam-root-account'] };

async function workspaceWithTwo() {
  const ctx = await createTestWorkspace();
  const dir = tempDir();
  const a = await ctx.services.imports.importFile(write(dir, 'a.png', tinyPng(1)), 'a.png', DETAILS, 'file picker');
  const b = await ctx.services.imports.importFile(
    write(dir, 'b.json', '{"ok":true}'),
    'b.json',
    { ...DETAILS, title: 'API answer' },
    'file picker',
  );
  return { ...ctx, a, b, path: (sha: string) => ctx.services.workspaces.require().evidence.filePath(sha) };
}

/** Changes one byte and puts size and mtime back, as a careful hand edit would. */
function sneakyEdit(path: string) {
  const before = statSync(path);
  const bytes = readFileSync(path);
  bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
  chmodSync(path, 0o644);
  writeFileSync(path, bytes);
  chmodSync(path, 0o444);
  utimesSync(path, before.atime, before.mtime);
}

describe('evidence integrity', () => {
  it('shows a file changed behind the app as tampered, even with its size and mtime restored, and never serves it', async () => {
    const { services, a, b, path } = await workspaceWithTwo();
    expect((await services.evidence.list()).map((e) => e.integrity)).toEqual(['ok', 'ok']);
    sneakyEdit(path(a.sha256));

    const listed = await services.evidence.list();
    expect(listed.find((e) => e.id === a.id)!.integrity).toBe('tampered');
    expect(listed.find((e) => e.id === b.id)!.integrity).toBe('ok');
    expect((await services.evidence.list({ integrity: 'tampered' })).map((e) => e.id)).toEqual([a.id]);
    await expect(services.evidence.content(a.id)).rejects.toMatchObject({ code: 'EVIDENCE_TAMPERED' });
    const provenance = await services.evidence.provenance(a.id);
    expect(provenance.item.integrity).toBe('tampered');
    expect(provenance.item.sha256).toBe(a.sha256);
  });

  it('shows a deleted file as missing', async () => {
    const { services, a, path } = await workspaceWithTwo();
    await services.evidence.list();
    rmSync(path(a.sha256), { force: true });
    expect((await services.evidence.item(a.id)).integrity).toBe('missing');
    await expect(services.evidence.content(a.id)).rejects.toMatchObject({ code: 'EVIDENCE_MISSING' });
  });

  it('serves verified content to the viewer: images as base64, JSON as text', async () => {
    const { services, a, b } = await workspaceWithTwo();
    const image = await services.evidence.content(a.id);
    expect(image).toMatchObject({ encoding: 'base64', mediaType: 'image/png', truncated: false });
    expect(Buffer.from(image.data, 'base64').equals(tinyPng(1))).toBe(true);
    expect(await services.evidence.content(b.id)).toMatchObject({
      encoding: 'text',
      data: '{"ok":true}',
      mediaType: 'application/json',
    });
    expect(JSON.stringify(image)).not.toMatch(/evidence\/files|\/tmp\//);
  });
});
