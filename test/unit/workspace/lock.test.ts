import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHost } from '../../../main/services/create-services';
import { LOCK_FILE } from '../../../main/services/workspace/lock';
import { createTestWorkspace, testServices } from '../helpers/services';

const lockOnDisk = (folder: string) => JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8'));
const installIdOf = (userDataDir: string) =>
  JSON.parse(readFileSync(join(userDataDir, 'preferences.json'), 'utf8')).installId;

describe('the workspace lock', () => {
  it('refuses a second instance on this computer and names who holds it and since when', async () => {
    const { folder, userDataDir } = await createTestWorkspace();
    const second = testServices({ userDataDir }).services;
    const error = await second.workspaces.open(folder).catch((e) => e);
    expect(error.code).toBe('WORKSPACE_LOCKED');
    expect(error.message).toMatch(/open in another Audit Workbench on this computer/);
    expect(error.message).toMatch(/since \d{4}-\d{2}-\d{2}T/);
    expect(error.details.pid).toBe(process.pid);
  });

  it('names the other computer, and lets the user take over deliberately', async () => {
    const { services, folder, userDataDir } = await createTestWorkspace();
    await services.workspaces.close();
    writeFileSync(
      join(folder, LOCK_FILE),
      JSON.stringify({
        host: 'dana-laptop',
        pid: 4242,
        user: 'dana',
        since: '2026-11-20T09:00:00.000Z',
        instanceId: 'x',
      }),
    );
    const other = testServices({ userDataDir }).services;
    const error = await other.workspaces.open(folder).catch((e) => e);
    expect(error.code).toBe('WORKSPACE_LOCKED');
    expect(error.message).toContain('"dana-laptop"');
    expect(error.message).toContain('2026-11-20T09:00:00.000Z');
    expect(error.hint).toMatch(/Take over/);

    await other.workspaces.open(folder, { takeOverStaleLock: true });
    expect(JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8')).host).toBe(defaultHost().host);
    const activity = await other.workspaces.require().activity.read();
    expect(activity.entries[0]?.action).toBe('workspace.lock-taken-over');
  });

  it('recognises a lock left by a crashed process of this installation and opens anyway', async () => {
    const { services, folder, userDataDir } = await createTestWorkspace();
    await services.workspaces.close();
    const host = { ...defaultHost(), isProcessAlive: (pid: number) => pid === process.pid };
    writeFileSync(
      join(folder, LOCK_FILE),
      JSON.stringify({
        host: host.host,
        pid: 999_999,
        user: 'dana',
        since: '2026-11-20T09:00:00.000Z',
        instanceId: 'crashed',
        installId: installIdOf(userDataDir),
      }),
    );
    const next = testServices({ userDataDir, host }).services;
    await next.workspaces.open(folder);
    const activity = await next.workspaces.require().activity.read();
    expect(activity.entries[0]?.summary).toMatch(/process 999999 .* no longer running/);
  });

  it('records a random install id, made once and kept in the preferences, in the lock', async () => {
    const { folder, userDataDir } = await createTestWorkspace();
    const id = installIdOf(userDataDir);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(lockOnDisk(folder).installId).toBe(id);
    const other = await createTestWorkspace();
    expect(installIdOf(other.userDataDir)).not.toBe(id);
    await testServices({ userDataDir }).services.workspaces.open(other.folder, { takeOverStaleLock: true });
    expect(installIdOf(userDataDir)).toBe(id);
    expect(lockOnDisk(other.folder).installId).toBe(id);
  });

  for (const [what, installId] of [
    ['another installation with the same host name', 'someone-elses-install'],
    ['an older app that wrote no install id', undefined],
  ] as const) {
    it(`asks before taking over a lock of ${what}, even when that pid is not running here`, async () => {
      const { services, folder, userDataDir } = await createTestWorkspace();
      await services.workspaces.close();
      const host = { ...defaultHost(), isProcessAlive: (pid: number) => pid === process.pid };
      const lock = {
        host: host.host,
        pid: 999_999,
        user: 'dana',
        since: '2026-11-20T09:00:00.000Z',
        instanceId: 'theirs',
        ...(installId ? { installId } : {}),
      };
      writeFileSync(join(folder, LOCK_FILE), JSON.stringify(lock));
      const next = testServices({ userDataDir, host }).services;
      const error = await next.workspaces.open(folder).catch((e) => e);
      expect(error.code).toBe('WORKSPACE_LOCKED');
      expect(error.message).toContain(
        `on a computer named "${host.host}", the same name as this one (user dana, since 2026-11-20T09:00:00.000Z)`,
      );
      expect(error.hint).toMatch(/Take over/);
      expect(lockOnDisk(folder)).toEqual(lock);

      await next.workspaces.open(folder, { takeOverStaleLock: true });
      expect(lockOnDisk(folder).installId).toBe(installIdOf(userDataDir));
      const activity = await next.workspaces.require().activity.read();
      expect(activity.entries[0]).toMatchObject({
        action: 'workspace.lock-taken-over',
        summary: 'Opened after taking over a lock: taken over on request',
      });
    });
  }

  it('is released on close so the next instance opens cleanly', async () => {
    const { services, folder, userDataDir } = await createTestWorkspace();
    await services.workspaces.close();
    const next = testServices({ userDataDir }).services;
    await expect(next.workspaces.open(folder)).resolves.toMatchObject({ path: folder });
  });

  it('treats an unreadable lock as held and lets the user take over deliberately', async () => {
    const { services, folder, userDataDir } = await createTestWorkspace();
    await services.workspaces.close();
    writeFileSync(join(folder, LOCK_FILE), '');
    const other = testServices({ userDataDir }).services;
    const error = await other.workspaces.open(folder).catch((e) => e);
    expect(error.code).toBe('WORKSPACE_LOCKED');
    expect(error.message).toMatch(/cannot be read/);
    await other.workspaces.open(folder, { takeOverStaleLock: true });
    expect(JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
  });

  it('lets exactly one of two simultaneous openers in', async () => {
    const { services, folder, userDataDir } = await createTestWorkspace();
    await services.workspaces.close();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => testServices({ userDataDir }).services.workspaces.open(folder)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(
      Array(5).fill('WORKSPACE_LOCKED'),
    );
  });
});
