import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapLimit } from '../../../main/services/map-limit';
import { createTestWorkspace } from '../helpers/services';

const FILES = 400;
const DETAILS = {
  kind: 'document',
  mediaType: 'text/plain',
  source: { type: 'import', originalName: 'notes.txt' },
  effectiveDate: '2026-11-20',
  capturedBy: { name: 'Dana Founder', email: 'dana@acme.example' },
} as const;

async function workspaceWith(files: number) {
  const ctx = await createTestWorkspace();
  const store = ctx.services.workspaces.require().evidence;
  for (let i = 0; i < files; i++)
    await store.addBytes(`evidence ${i}\n`, {
      ...DETAILS,
      title: `Item ${i}`,
      fileName: `item-${i}.txt`,
      controlIds: ['iam-root-account'],
    });
  return ctx;
}

describe('an evidence library of hundreds of files', () => {
  it('lists and re-hashes them all in a process allowed only 128 open files', async () => {
    const { services, folder } = await workspaceWith(FILES);
    await services.workspaces.close();
    // A fresh process has nothing cached: every record is read and every file hashed.
    const script = join(import.meta.dirname, 'list-evidence.child.ts');
    const tsx = join(process.cwd(), 'node_modules', '.bin', 'tsx');
    execFileSync(tsx, [script, '--load-only'], { timeout: 60_000 });
    const out = execFileSync('bash', ['-c', 'ulimit -n 128 && exec "$0" "$1" "$2"', tsx, script, folder], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(JSON.parse(out)).toEqual({ count: FILES, integrity: { ok: FILES }, readErrors: [] });
  }, 90_000);

  it('reports a file it cannot read on that item, lists the others, and checks it again next time', async () => {
    const { services } = await workspaceWith(3);
    const [a, b, c] = await services.evidence.list();
    const path = services.workspaces.require().evidence.filePath(b!.sha256);
    renameSync(path, `${path}.aside`);
    mkdirSync(path);

    const listed = await services.evidence.list();
    expect(listed.map((i) => [i.id, i.integrity])).toEqual([
      [a!.id, 'ok'],
      [b!.id, 'unreadable'],
      [c!.id, 'ok'],
    ]);
    expect(listed[1]!.readError).toBe('EISDIR');
    expect((await services.evidence.list({ integrity: 'unreadable' })).map((i) => i.id)).toEqual([b!.id]);
    expect((await services.evidence.provenance(b!.id)).item).toMatchObject({
      integrity: 'unreadable',
      readError: 'EISDIR',
    });
    const refused = await services.evidence.content(b!.id).catch((e) => e);
    expect(refused).toMatchObject({
      code: 'EVIDENCE_UNREADABLE',
      message: expect.stringContaining('(EISDIR)'),
      hint: expect.stringMatching(/read/),
    });

    execFileSync('bash', ['-c', 'rmdir "$0" && mv "$0.aside" "$0"', path]);
    expect((await services.evidence.item(b!.id)).integrity).toBe('ok');
  });
});

describe('mapLimit', () => {
  it('never has more than the limit in flight, and keeps the order of the items', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapLimit(
      Array.from({ length: 50 }, (_, i) => i),
      8,
      async (i) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, (i * 7) % 5));
        inFlight--;
        return i * 2;
      },
    );
    expect(most).toBe(8);
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
  });
});
