import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/ipc/result';
import { createTestWorkspace, testServices } from '../helpers/services';

async function openError(folder: string, userDataDir: string): Promise<AppError> {
  const { services } = testServices({ userDataDir });
  try {
    await services.workspaces.open(folder);
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected the workspace to be refused');
}

describe('workspace documents refuse what they cannot trust, name the file, and keep it', () => {
  const cases: [string, (text: string) => string, string, RegExp][] = [
    ['corrupt JSON', (t) => t.replace('{', '{ nonsense'), 'WORKSPACE_FILE_CORRUPT', /controls\.json is not valid JSON/],
    [
      'a truncated file',
      (t) => t.slice(0, Math.floor(t.length / 2)),
      'WORKSPACE_FILE_CORRUPT',
      /controls\.json .*truncated/,
    ],
    ['an empty file', () => '', 'WORKSPACE_FILE_CORRUPT', /controls\.json .*truncated/],
    [
      'a newer format',
      (t) => t.replace('"schemaVersion": 1', '"schemaVersion": 99'),
      'WORKSPACE_TOO_NEW',
      /newer version.*format 99/,
    ],
    [
      'a hand edit that breaks the schema',
      (t) => t.replace('"controls": {}', '"controls": {"iam-root-account": {"status": "done"}}'),
      'WORKSPACE_FILE_INVALID',
      /controls\.iam-root-account\.status/,
    ],
  ];

  for (const [name, damage, code, message] of cases) {
    it(`reports ${name} and leaves the file untouched`, async () => {
      const { services, folder, userDataDir } = await createTestWorkspace();
      await services.workspaces.close();
      const path = join(folder, 'controls.json');
      const damaged = damage(readFileSync(path, 'utf8'));
      writeFileSync(path, damaged);

      const error = await openError(folder, userDataDir);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(error.details?.file).toBe('controls.json');
      expect(readFileSync(path, 'utf8')).toBe(damaged);
    });
  }

  it('restores the last-good copy on request and keeps the damaged file beside it', async () => {
    const { services, folder, userDataDir } = await createTestWorkspace();
    await services.controls.setStatus('iam-root-account', 'in_progress');
    await services.workspaces.close();
    writeFileSync(join(folder, 'controls.json'), '{"schemaVersion": 1, "contr');

    const error = await openError(folder, userDataDir);
    expect(error.details?.backupAvailable).toBe(true);
    const fresh = testServices({ userDataDir }).services;
    const damagedCopy = (await fresh.workspaces.restoreBackup(folder, 'controls.json')).damagedCopy!;
    expect(readFileSync(join(folder, damagedCopy), 'utf8')).toBe('{"schemaVersion": 1, "contr');
    await fresh.workspaces.open(folder);
    expect(fresh.controls.states()['iam-root-account']?.status).toBe('in_progress');
  });

  it('says plainly when there is no backup to restore', async () => {
    const { services, folder } = await createTestWorkspace();
    await expect(services.workspaces.restoreBackup(folder, 'evil/../../etc/passwd')).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await services.workspaces.close();
    const { rmSync } = await import('node:fs');
    rmSync(join(folder, '.backup'), { recursive: true });
    await expect(services.workspaces.restoreBackup(folder, 'team.json')).rejects.toMatchObject({ code: 'NO_BACKUP' });
  });

  it('opens a v1 workspace.json by migrating it, and writes v2 on the next save', async () => {
    const { services, folder, userDataDir } = await createTestWorkspace();
    await services.workspaces.close();
    const path = join(folder, 'workspace.json');
    const v2 = JSON.parse(readFileSync(path, 'utf8'));
    const { checkSettings: _c, aws: _a, ...v1 } = { ...v2, schemaVersion: 1 };
    writeFileSync(path, JSON.stringify(v1));

    const again = testServices({ userDataDir }).services;
    await again.workspaces.open(folder);
    expect(again.workspaces.require().meta.checkSettings.accessKeyMaxAgeDays).toBe(90);
    await again.controls.setStatus('iam-root-account', 'accepted');
    await again.workspaces.require().change('meta', (m) => m, { action: 'test', summary: 'resave' });
    expect(JSON.parse(readFileSync(path, 'utf8')).schemaVersion).toBe(2);
  });
});
