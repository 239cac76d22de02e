import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewEvidence } from '../../../main/services/evidence/evidence-store';
import { createTestWorkspace, DANA, tempDir } from '../helpers/services';

const fields = (title: string): NewEvidence => ({
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

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

describe('the evidence store', () => {
  it('stores a file under its SHA-256 with an immutable record carrying provenance', async () => {
    const { services, folder } = await createTestWorkspace();
    const store = services.workspaces.require().evidence;
    const content = '{"SummaryMap":{"AccountMFAEnabled":1}}';
    const record = await store.addBytes(content, fields('Account summary'));
    expect(record.sha256).toBe(sha(content));
    expect(record.size).toBe(content.length);
    expect(record.appVersion).toBe('0.0.0-test');
    expect(readFileSync(join(folder, 'evidence', 'files', record.sha256), 'utf8')).toBe(content);
    expect(JSON.parse(readFileSync(join(folder, 'evidence', 'records', `${record.id}.json`), 'utf8'))).toEqual(record);
    expect(await store.verify(record)).toBe('ok');
  });

  it('keeps both records but one file when the same content is added twice', async () => {
    const { services, folder } = await createTestWorkspace();
    const store = services.workspaces.require().evidence;
    const a = await store.addBytes('same', fields('First'));
    const b = await store.addBytes('same', fields('Second'));
    expect(a.id).not.toBe(b.id);
    expect(readdirSync(join(folder, 'evidence', 'files'))).toEqual([a.sha256]);
    expect((await store.list()).map((r) => r.title)).toEqual(['First', 'Second']);
  });

  it('streams a file in, hashing while copying', async () => {
    const { services } = await createTestWorkspace();
    const store = services.workspaces.require().evidence;
    const source = join(tempDir(), 'report.csv');
    const big = Buffer.alloc(3 * 1024 * 1024, 'a,b,c\n');
    writeFileSync(source, big);
    const record = await store.addFile(source, {
      ...fields('Credential report'),
      mediaType: 'text/csv',
      fileName: 'credential-report.csv',
    });
    expect(record.sha256).toBe(sha(big));
    expect(record.size).toBe(big.length);
  });

  it('reports a file changed behind its back as tampered and a deleted one as missing, and refuses to read them', async () => {
    const { services, folder } = await createTestWorkspace();
    const store = services.workspaces.require().evidence;
    const changed = await store.addBytes('original', fields('Will be changed'));
    const deleted = await store.addBytes('other', fields('Will be deleted'));
    const path = join(folder, 'evidence', 'files', changed.sha256);
    chmodSync(path, 0o644);
    writeFileSync(path, 'edited');
    rmSync(join(folder, 'evidence', 'files', deleted.sha256));
    expect(await store.verify(changed)).toBe('tampered');
    expect(await store.verify(deleted)).toBe('missing');
    await expect(store.read(changed)).rejects.toMatchObject({
      code: 'EVIDENCE_TAMPERED',
      message: expect.stringContaining('Will be changed'),
    });
    await expect(store.read(deleted)).rejects.toMatchObject({ code: 'EVIDENCE_MISSING' });
    // Never silently repaired: the edited bytes are still there.
    expect(readFileSync(path, 'utf8')).toBe('edited');
  });

  it('refuses a record that breaks the schema, writing nothing', async () => {
    const { services, folder } = await createTestWorkspace();
    const store = services.workspaces.require().evidence;
    await expect(store.addBytes('x', { ...fields('Bad'), controlIds: [] })).rejects.toThrow();
    expect(existsSync(join(folder, 'evidence'))).toBe(false);
  });
});

describe('concurrent first writes to a fresh store', () => {
  it.each(Array.from({ length: 10 }, (_, i) => i))('keeps every record in the listing (round %i)', async () => {
    const { services } = await createTestWorkspace();
    const store = services.workspaces.require().evidence;
    // Staggered so some writes land while another caller's first directory read is under way.
    const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        delay(i % 6).then(() => store.addBytes(`content ${i}`, fields(`Item ${i}`))),
      ),
    );
    expect((await store.list()).length).toBe(24);
  });
});
