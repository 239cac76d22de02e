import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultHost } from '../../../main/services/create-services';
import { LOCK_FILE } from '../../../main/services/workspace/lock';
import type { NewEvidence } from '../../../main/services/evidence/evidence-store';
import { createTestWorkspace, DANA, tempDir, testServices } from '../helpers/services';

const TAKEN_AT = new Date('2026-11-26T07:15:00.000Z');
const ivan = { ...defaultHost(), host: 'ivan-desktop', user: 'ivan' };
const controlsOnDisk = (folder: string) =>
  JSON.parse(readFileSync(join(folder, 'controls.json'), 'utf8')).controls['iam-root-account'];
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
    await expect(a.workspaces.require().record({ action: 'test.record', summary: 'from A' })).rejects.toMatchObject({
      code: 'WORKSPACE_LOCKED',
    });
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

/** Every file and folder under evidence/, with a hash of each file's bytes. */
function evidenceListing(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const rel = relative(folder, path);
      if (statSync(path).isDirectory()) {
        out.push(`${rel}/`);
        walk(path);
      } else out.push(`${rel} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`);
    }
  };
  if (existsSync(join(folder, 'evidence'))) walk(join(folder, 'evidence'));
  return out;
}

const DETAILS = { title: 'Doc', effectiveDate: '2026-11-20', controlIds: ['iam-root-account'] };
const snapshotFields: NewEvidence = {
  title: 'Summary',
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
};

/** A imported a file whose stored copy was then damaged; B takes the workspace over. */
async function damagedThenTakenOver() {
  const { services: a, folder, userDataDir } = await createTestWorkspace();
  const source = join(tempDir(), 'a.txt');
  writeFileSync(source, 'hello evidence\n');
  const first = await a.imports.importFile(source, 'a.txt', DETAILS, 'file picker');
  const stored = a.workspaces.require().evidence.filePath(first.sha256);
  chmodSync(stored, 0o644);
  writeFileSync(stored, 'HELLO evidence\n');
  chmodSync(stored, 0o444);
  const b = testServices({ userDataDir, host: ivan, now: () => TAKEN_AT }).services;
  await b.workspaces.open(folder, { takeOverStaleLock: true });
  return { a, b, folder, source, stored };
}

describe('evidence writes after a take-over', () => {
  it('refuses an import with WORKSPACE_LOCKED and writes nothing under evidence/', async () => {
    const { a, folder } = await takenOver();
    const source = join(tempDir(), 'new.txt');
    writeFileSync(source, 'brand new evidence\n');
    const before = evidenceListing(folder);
    const activity = readFileSync(join(folder, 'activity.jsonl'), 'utf8');
    await expect(a.imports.importFile(source, 'new.txt', DETAILS, 'file picker')).rejects.toMatchObject({
      code: 'WORKSPACE_LOCKED',
    });
    expect(evidenceListing(folder)).toEqual(before);
    expect(readFileSync(join(folder, 'activity.jsonl'), 'utf8')).toBe(activity);
  });

  it('refuses a capture’s bytes (addBytes) and writes no file or record', async () => {
    const { a, folder } = await takenOver();
    const before = evidenceListing(folder);
    await expect(a.workspaces.require().evidence.addBytes('{"SummaryMap":{}}', snapshotFields)).rejects.toMatchObject({
      code: 'WORKSPACE_LOCKED',
    });
    expect(evidenceListing(folder)).toEqual(before);
  });

  it('refuses to repair a damaged file: nothing is moved aside, rewritten or left unlogged', async () => {
    const { a, folder, source, stored } = await damagedThenTakenOver();
    const before = evidenceListing(folder);
    const activity = readFileSync(join(folder, 'activity.jsonl'), 'utf8');
    await expect(
      a.imports.importFile(source, 'a.txt', { ...DETAILS, title: 'again' }, 'file picker'),
    ).rejects.toMatchObject({ code: 'WORKSPACE_LOCKED' });
    expect(evidenceListing(folder)).toEqual(before);
    expect(existsSync(join(folder, 'evidence', 'damaged'))).toBe(false);
    expect(readFileSync(stored, 'utf8')).toBe('HELLO evidence\n');
    expect(readFileSync(join(folder, 'activity.jsonl'), 'utf8')).toBe(activity);
  });

  it('the new owner repairs it, and the repair is logged', async () => {
    const { b, source, stored } = await damagedThenTakenOver();
    b.workspaces.setMe({ name: 'Ivan', email: 'ivan@acme.example' });
    await b.imports.importFile(source, 'a.txt', { ...DETAILS, title: 'again' }, 'file picker');
    expect(readFileSync(stored, 'utf8')).toBe('hello evidence\n');
    const { entries } = await b.workspaces.require().activity.read();
    expect(entries.filter((e) => e.action === 'evidence.repaired')).toHaveLength(1);
  });
});

describe('a repair whose activity entry cannot be written', () => {
  it('moves nothing aside and leaves the damaged file where it was', async () => {
    const { services, folder } = await createTestWorkspace();
    const source = join(tempDir(), 'a.txt');
    writeFileSync(source, 'hello evidence\n');
    const first = await services.imports.importFile(source, 'a.txt', DETAILS, 'file picker');
    const stored = services.workspaces.require().evidence.filePath(first.sha256);
    chmodSync(stored, 0o644);
    writeFileSync(stored, 'HELLO evidence\n');
    // The log cannot be appended to (a folder where the file should be): the lock is still ours.
    rmSync(join(folder, 'activity.jsonl'));
    mkdirSync(join(folder, 'activity.jsonl'));
    const before = evidenceListing(folder);
    await expect(services.imports.importFile(source, 'a.txt', DETAILS, 'file picker')).rejects.toMatchObject({
      code: 'SAVE_FAILED',
    });
    expect(readFileSync(stored, 'utf8')).toBe('HELLO evidence\n');
    expect(existsSync(join(folder, 'evidence', 'damaged'))).toBe(false);
    // Only the record of the refused import is absent too: no file moved, none rewritten.
    expect(evidenceListing(folder)).toEqual(before);
  });
});

describe('restoring a backup', () => {
  const damagedCopies = (folder: string) => readdirSync(folder).filter((n) => n.includes('.damaged-'));
  const activityLines = (folder: string) =>
    readFileSync(join(folder, 'activity.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));

  /** A closed workspace whose controls.json was damaged after a good save. */
  async function damagedControls() {
    const ctx = await createTestWorkspace();
    await ctx.services.controls.setStatus('iam-root-account', 'in_progress');
    await ctx.services.workspaces.close();
    writeFileSync(join(ctx.folder, 'controls.json'), '{"schemaVersion": 1, "contr');
    return ctx;
  }

  it('appends a workspace.backup-restored entry naming who, which file and where the damaged copy went', async () => {
    const { folder, userDataDir } = await damagedControls();
    const fresh = testServices({ userDataDir }).services;
    const damagedCopy = (await fresh.workspaces.restoreBackup(folder, 'controls.json')).damagedCopy!;
    const entry = activityLines(folder).at(-1);
    expect(entry).toMatchObject({
      actor: DANA,
      action: 'workspace.backup-restored',
      target: 'file:controls.json',
      summary: `Restored controls.json from its last-good copy (.backup/controls.json); the damaged file is kept as ${damagedCopy}`,
      details: { file: 'controls.json', backup: '.backup/controls.json', damagedCopy, host: defaultHost().host },
    });
    await fresh.workspaces.open(folder);
    const { entries } = await fresh.workspaces.require().activity.read();
    expect(entries[0]?.action).toBe('workspace.backup-restored');
  });

  it('attributes the restore to "unknown (identity not set)" when this app has no identity', async () => {
    const { folder } = await damagedControls();
    const stranger = testServices().services;
    await stranger.workspaces.restoreBackup(folder, 'controls.json');
    expect(activityLines(folder).at(-1)).toMatchObject({
      action: 'workspace.backup-restored',
      actor: { name: 'unknown (identity not set)', email: '' },
    });
  });

  it('says when the file was missing rather than damaged', async () => {
    const { folder, userDataDir } = await damagedControls();
    rmSync(join(folder, 'controls.json'));
    await testServices({ userDataDir }).services.workspaces.restoreBackup(folder, 'controls.json');
    expect(activityLines(folder).at(-1)).toMatchObject({
      summary: expect.stringMatching(/the file was missing$/),
      details: { damagedCopy: null },
    });
  });

  it('is refused with nothing renamed when its activity entry cannot be written', async () => {
    const { folder, userDataDir } = await damagedControls();
    rmSync(join(folder, 'activity.jsonl'));
    mkdirSync(join(folder, 'activity.jsonl'));
    const fresh = testServices({ userDataDir }).services;
    await expect(fresh.workspaces.restoreBackup(folder, 'controls.json')).rejects.toMatchObject({
      code: 'SAVE_FAILED',
    });
    expect(readFileSync(join(folder, 'controls.json'), 'utf8')).toBe('{"schemaVersion": 1, "contr');
    expect(damagedCopies(folder)).toEqual([]);
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
  });

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
    const activity = readFileSync(join(folder, 'activity.jsonl'), 'utf8');
    const other = testServices({ userDataDir }).services;
    const error = await other.workspaces.restoreBackup(folder, 'controls.json').catch((e) => e);
    expect(readFileSync(join(folder, 'activity.jsonl'), 'utf8')).toBe(activity);
    expect(error.code).toBe('WORKSPACE_LOCKED');
    expect(error.message).toMatch(
      /^controls\.json was not restored: This workspace is open in another Audit Workbench on this computer/,
    );
    expect(readFileSync(join(folder, 'controls.json'), 'utf8')).toBe(before);
    expect(damagedCopies(folder)).toEqual([]);
    expect(lockOnDisk(folder).instanceId).toBe(services.workspaces.require().lock.instanceId);
  });

  it('takes over a lock from another computer only when asked, and leaves no lock behind', async () => {
    const { services, folder, userDataDir } = await createTestWorkspace();
    await services.workspaces.close();
    writeFileSync(
      join(folder, LOCK_FILE),
      JSON.stringify({
        host: 'ivan-desktop',
        pid: 77,
        user: 'ivan',
        since: '2026-11-25T08:30:00.000Z',
        instanceId: 'other',
      }),
    );
    writeFileSync(join(folder, 'controls.json'), '{"schemaVersion": 1, "contr');
    const fresh = testServices({ userDataDir }).services;
    await expect(fresh.workspaces.restoreBackup(folder, 'controls.json')).rejects.toMatchObject({
      code: 'WORKSPACE_LOCKED',
      message: expect.stringContaining('"ivan-desktop"'),
    });
    expect(damagedCopies(folder)).toEqual([]);

    const damagedCopy = (await fresh.workspaces.restoreBackup(folder, 'controls.json', { takeOverStaleLock: true }))
      .damagedCopy!;
    expect(readFileSync(join(folder, damagedCopy), 'utf8')).toBe('{"schemaVersion": 1, "contr');
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
    expect(activityLines(folder).at(-1)).toMatchObject({
      action: 'workspace.backup-restored',
      details: { damagedCopy, lockTakenOverFrom: { host: 'ivan-desktop', user: 'ivan' } },
    });
    await expect(fresh.workspaces.open(folder)).resolves.toMatchObject({ path: folder });
  });
});
