import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../main/cli';
import { LOCK_FILE } from '../../../main/services/workspace/lock';
import { activityOnDisk, createTestWorkspace, tempDir } from '../helpers/services';
import { csvOf, FIRM_ROWS } from '../requests/fixtures';

async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A workspace made by the app and closed, and a request list to import into it (a command that writes). */
async function closedWorkspace() {
  const { services, folder } = await createTestWorkspace();
  await services.workspaces.close();
  const list = join(tempDir(), 'pbc.csv');
  writeFileSync(list, csvOf(FIRM_ROWS));
  const importList = (...more: string[]) =>
    cli('requests', 'import', list, '--workspace', folder, '--as', 'Dana Founder <dana@acme.example>', ...more);
  return { folder, importList };
}

/** The lock a crash on another computer leaves: its pid cannot be judged from here. */
const lockFromElsewhere = (folder: string) =>
  writeFileSync(
    join(folder, LOCK_FILE),
    JSON.stringify({
      host: 'ivan-desktop',
      pid: 4242,
      user: 'ivan',
      since: '2026-11-20T09:00:00.000Z',
      instanceId: 'gone',
      installId: 'another-machine',
    }),
  );

describe('the CLI names its own commands for a locked or damaged workspace', () => {
  it('a lock from another computer is refused with a --take-over hint, and --take-over opens it and says so in the log', async () => {
    const { folder, importList } = await closedWorkspace();
    lockFromElsewhere(folder);
    const refused = await importList();
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('WORKSPACE_LOCKED');
    expect(refused.err).toContain('run the same command again with --take-over');
    expect(refused.err).not.toContain('"Take over"');
    expect(JSON.parse(readFileSync(join(folder, 'requests.json'), 'utf8')).requests).toEqual([]);

    const taken = await importList('--take-over');
    expect(taken.code).toBe(0);
    expect(taken.out).toContain('Imported 3 requests');
    expect(activityOnDisk(folder).find((l) => l.action === 'workspace.lock-taken-over')).toMatchObject({
      details: { host: 'ivan-desktop', user: 'ivan' },
    });
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
  });

  it('a damaged document names the restore command; restore brings back the last good copy and keeps the damaged one', async () => {
    const { folder, importList } = await closedWorkspace();
    const good = readFileSync(join(folder, 'controls.json'), 'utf8');
    writeFileSync(join(folder, 'controls.json'), '{"schemaVersion": 1, "contr');
    const refused = await importList();
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('WORKSPACE_FILE_CORRUPT');
    expect(refused.err).toContain(`npm run cli -- restore controls.json --workspace ${folder}`);
    expect(refused.err).not.toMatch(/^Restore the last good copy \(/m);

    const restored = await cli('restore', 'controls.json', '--workspace', folder, '--as', 'Dana Founder');
    expect(restored.code).toBe(0);
    const damaged = readdirSync(folder).filter((n) => n.startsWith('controls.json.damaged-'));
    expect(damaged).toHaveLength(1);
    expect(restored.out).toBe(
      `Restored controls.json in ${folder} from its last-good copy; the damaged file is kept as ${damaged[0]}.`,
    );
    expect(readFileSync(join(folder, 'controls.json'), 'utf8')).toBe(good);
    expect(readFileSync(join(folder, damaged[0]!), 'utf8')).toBe('{"schemaVersion": 1, "contr');
    expect(activityOnDisk(folder).at(-1)).toMatchObject({
      action: 'workspace.backup-restored',
      actor: { name: 'Dana Founder' },
      details: { file: 'controls.json', damagedCopy: damaged[0] },
    });
    expect((await importList()).code).toBe(0);
  });

  it('restore refuses a locked workspace until --take-over, a file without a backup, and anything but a document', async () => {
    const { folder } = await closedWorkspace();
    writeFileSync(join(folder, 'team.json'), 'not json');
    lockFromElsewhere(folder);
    const locked = await cli('restore', 'team.json', '--workspace', folder, '--json');
    expect(locked.code).toBe(1);
    expect(JSON.parse(locked.out).error).toMatchObject({
      code: 'WORKSPACE_LOCKED',
      hint: expect.stringContaining('--take-over'),
    });
    expect(readFileSync(join(folder, 'team.json'), 'utf8')).toBe('not json');
    const taken = await cli('restore', 'team.json', '--workspace', folder, '--take-over', '--json');
    expect(taken.code).toBe(0);
    expect(JSON.parse(taken.out)).toMatchObject({ restored: 'team.json', damagedCopy: expect.any(String) });

    const other = await cli('restore', 'activity.jsonl', '--workspace', folder);
    expect(other.code).toBe(1);
    expect(other.err).toContain('activity.jsonl is not a workspace document that has a backup');
    expect(other.err).toContain('team.json');

    const none = await cli('restore', 'team.json', '--workspace', join(tempDir(), 'no-workspace'));
    expect(none.code).toBe(1);
    expect(none.err).toContain('NO_BACKUP');
  });
});
