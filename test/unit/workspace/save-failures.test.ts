import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DANA, testServices } from '../helpers/services';
import { mountTmpfs } from '../helpers/tmpfs';

const probe = mountTmpfs(64);
const skipReason = 'error' in probe ? probe.error : null;
if ('unmount' in probe) probe.unmount();
if (skipReason) console.log(`save-failures: skipped, ${skipReason}`);

describe.skipIf(skipReason !== null)('a save that fails is reported and loses nothing', () => {
  const mounts: { unmount(): void }[] = [];
  afterEach(() => mounts.splice(0).forEach((m) => m.unmount()));

  async function workspaceOnSmallDisk() {
    const fs = mountTmpfs(256);
    if ('error' in fs) throw new Error(fs.error);
    mounts.push(fs);
    const { services, userDataDir } = testServices();
    const folder = join(fs.dir, 'ws');
    await services.workspaces.create({
      folder,
      companyName: 'Acme',
      systemName: 'Cloud',
      asOfDate: '2026-12-31',
      categories: ['security'],
      me: DANA,
    });
    await services.controls.setStatus('iam-root-account', 'in_progress');
    return { fs, services, folder, userDataDir };
  }

  it('on a full disk: SAVE_FAILED says the disk is full, disk and memory keep the previous state', async () => {
    const { fs, services, folder } = await workspaceOnSmallDisk();
    const before = readFileSync(join(folder, 'controls.json'), 'utf8');
    try {
      writeFileSync(join(fs.dir, 'filler'), Buffer.alloc(1024 * 1024));
    } catch {
      // Filling up to ENOSPC is the point.
    }
    const error = await services.controls.setNotes('iam-root-account', 'x'.repeat(10_000)).catch((e) => e);
    expect(error.code).toBe('SAVE_FAILED');
    expect(error.message).toMatch(/not saved: the disk holding .* is full/);
    expect(readFileSync(join(folder, 'controls.json'), 'utf8')).toBe(before);
    expect(services.controls.states()['iam-root-account']?.notes).toBe('');
    expect(readdirSync(folder).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('on a read-only folder: SAVE_FAILED names the folder, the previous state stays', async () => {
    const { fs, services, folder } = await workspaceOnSmallDisk();
    const before = readFileSync(join(folder, 'controls.json'), 'utf8');
    fs.remountReadOnly();
    const error = await services.controls.setStatus('iam-root-account', 'accepted').catch((e) => e);
    expect(error.code).toBe('SAVE_FAILED');
    expect(error.message).toMatch(/read-only/);
    expect(readFileSync(join(folder, 'controls.json'), 'utf8')).toBe(before);
    expect(services.controls.states()['iam-root-account']?.status).toBe('in_progress');
  });
});
