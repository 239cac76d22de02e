import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHost } from '../../../main/services/create-services';
import { LOCK_FILE } from '../../../main/services/workspace/lock';
import { createTestWorkspace, testServices } from '../helpers/services';

const TAKEN_AT = new Date('2026-11-26T07:15:00.000Z');
const ivan = { ...defaultHost(), host: 'ivan-desktop', user: 'ivan' };
const controlsOnDisk = (folder: string) => JSON.parse(readFileSync(join(folder, 'controls.json'), 'utf8')).controls['iam-root-account'];
const lockOnDisk = (folder: string) => JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8'));

/** A has the workspace open; B, on another computer, takes it over and saves a change. */
async function takenOver() {
  const { services: a, folder, userDataDir } = await createTestWorkspace();
  const b = testServices({ userDataDir, host: ivan, now: () => TAKEN_AT }).services;
  await b.workspaces.open(folder, { takeOverStaleLock: true });
  await b.controls.setStatus('iam-root-account', 'in_progress');
  return { a, b, folder };
}

describe('an instance whose lock was taken over', () => {
  it('refuses to save, names who took over and when, and leaves the other instance’s change on disk', async () => {
    const { a, folder } = await takenOver();
    const error = await a.controls.setNotes('iam-root-account', 'written by A').catch((e) => e);
    expect(error.code).toBe('WORKSPACE_LOCKED');
    expect(error.message).toContain('"ivan-desktop" (user ivan) took this workspace over at 2026-11-26T07:15:00.000Z');
    expect(error.hint).toBe('Close this workspace and open it again; your unsaved change was not written.');
    expect(controlsOnDisk(folder)).toMatchObject({ status: 'in_progress', notes: '' });
    // Memory keeps what A last saved (nothing for this control), as for any failed save.
    expect(a.controls.states()['iam-root-account']).toBeUndefined();
  });

  it('refuses to append to the activity log', async () => {
    const { a, folder } = await takenOver();
    const before = readFileSync(join(folder, 'activity.jsonl'), 'utf8');
    await expect(a.workspaces.require().record({ action: 'test.record', summary: 'from A' })).rejects.toMatchObject({ code: 'WORKSPACE_LOCKED' });
    expect(readFileSync(join(folder, 'activity.jsonl'), 'utf8')).toBe(before);
  });

  it('leaves the new owner’s lock in place when it closes, and the new owner keeps saving', async () => {
    const { a, b, folder } = await takenOver();
    await a.workspaces.close();
    expect(lockOnDisk(folder).instanceId).toBe(b.workspaces.require().lock.instanceId);
    await b.controls.setNotes('iam-root-account', 'written by B');
    expect(controlsOnDisk(folder).notes).toBe('written by B');
  });

  it('refuses to save when the lock file has disappeared', async () => {
    const { services, folder } = await createTestWorkspace();
    rmSync(join(folder, LOCK_FILE));
    const error = await services.controls.setNotes('iam-root-account', 'x').catch((e) => e);
    expect(error.code).toBe('WORKSPACE_LOCKED');
    expect(error.message).toMatch(/missing or unreadable/);
    expect(controlsOnDisk(folder)).toBeUndefined();
  });
});

describe('restoring a backup', () => {
  const damagedCopies = (folder: string) => readdirSync(folder).filter((n) => n.includes('.damaged-'));

  it('is refused while the workspace is open in this window, and nothing is renamed', async () => {
    const { services, folder } = await createTestWorkspace();
    const before = readFileSync(join(folder, 'controls.json'), 'utf8');
    const error = await services.workspaces.restoreBackup(folder, 'controls.json').catch((e) => e);
    expect(error.code).toBe('WORKSPACE_LOCKED');
    expect(error.message).toMatch(/is open in this window/);
    expect(error.hint).toMatch(/Close the workspace first/);
    expect(readFileSync(join(folder, 'controls.json'), 'utf8')).toBe(before);
    expect(damagedCopies(folder)).toEqual([]);
  });

  it('is refused while another live instance holds the lock, which stays in place', async () => {
    const { services, folder, userDataDir } = await createTestWorkspace();
    const before = readFileSync(join(folder, 'controls.json'), 'utf8');
    const other = testServices({ userDataDir }).services;
    const error = await other.workspaces.restoreBackup(folder, 'controls.json').catch((e) => e);
    expect(error.code).toBe('WORKSPACE_LOCKED');
    expect(error.message).toMatch(/^controls\.json was not restored: This workspace is open in another Audit Workbench on this computer/);
    expect(readFileSync(join(folder, 'controls.json'), 'utf8')).toBe(before);
    expect(damagedCopies(folder)).toEqual([]);
    expect(lockOnDisk(folder).instanceId).toBe(services.workspaces.require().lock.instanceId);
  });

  it('takes over a lock from another computer only when asked, and leaves no lock behind', async () => {
    const { services, folder, userDataDir } = await createTestWorkspace();
    await services.workspaces.close();
    writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ host: 'ivan-desktop', pid: 77, user: 'ivan', since: '2026-11-25T08:30:00.000Z', instanceId: 'other' }));
    writeFileSync(join(folder, 'controls.json'), '{"schemaVersion": 1, "contr');
    const fresh = testServices({ userDataDir }).services;
    await expect(fresh.workspaces.restoreBackup(folder, 'controls.json')).rejects.toMatchObject({ code: 'WORKSPACE_LOCKED', message: expect.stringContaining('"ivan-desktop"') });
    expect(damagedCopies(folder)).toEqual([]);

    const { damagedCopy } = await fresh.workspaces.restoreBackup(folder, 'controls.json', { takeOverStaleLock: true });
    expect(readFileSync(join(folder, damagedCopy), 'utf8')).toBe('{"schemaVersion": 1, "contr');
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
    await expect(fresh.workspaces.open(folder)).resolves.toMatchObject({ path: folder });
  });
});
