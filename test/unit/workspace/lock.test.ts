import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHost } from '../../../main/services/create-services';
import { LOCK_FILE } from '../../../main/services/workspace/lock';
import { createTestWorkspace, testServices } from '../helpers/services';

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
    writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ host: 'dana-laptop', pid: 4242, user: 'dana', since: '2026-11-20T09:00:00.000Z', instanceId: 'x' }));
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

  it('recognises a lock left by a crashed process on this computer and opens anyway', async () => {
    const { services, folder, userDataDir } = await createTestWorkspace();
    await services.workspaces.close();
    const host = { ...defaultHost(), isProcessAlive: (pid: number) => pid === process.pid };
    writeFileSync(join(folder, LOCK_FILE), JSON.stringify({ host: host.host, pid: 999_999, user: 'dana', since: '2026-11-20T09:00:00.000Z', instanceId: 'crashed' }));
    const next = testServices({ userDataDir, host }).services;
    await next.workspaces.open(folder);
    const activity = await next.workspaces.require().activity.read();
    expect(activity.entries[0]?.summary).toMatch(/process 999999 .* no longer running/);
  });

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
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => testServices({ userDataDir }).services.workspaces.open(folder)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(5).fill('WORKSPACE_LOCKED'));
  });
});
