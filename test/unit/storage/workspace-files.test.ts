import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestWorkspace, refusal, tempDir } from '../helpers/services';
import { scenarioWorkspace } from '../export/scenario';
import { tinyPng, write } from '../evidence/files';

const DETAILS = { title: 'Root MFA', effectiveDate: '2026-11-20', controlIds: ['iam-root-account'] };

/** Puts `make(path)` where the file was (a link, a FIFO), keeping nothing else different. */
function replace(path: string, make: (path: string) => void) {
  rmSync(path, { force: true });
  make(path);
}
const fifo = (path: string) => execFileSync('mkfifo', [path]);
const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.zip') || f.endsWith('.partial'));

describe('one verified way to read and write the workspace', () => {
  it('an evidence file replaced by a link to /dev/zero is refused by the export, naming the path, with no partial file left', async () => {
    const s = await scenarioWorkspace();
    const record = s.records.find((r) => r.kind === 'api_snapshot')!;
    const path = s.services.workspaces.require().evidence.filePath(record.sha256);
    replace(path, (p) => symlinkSync('/dev/zero', p));
    const out = join(dirname(s.folder), 'bundle.zip');
    const pre = await s.services.exports.preflight({});
    expect(pre.canExport).toBe(false);
    const problem = pre.integrityProblems.find((p) => p.id === record.id)!;
    expect(problem.problem).toBe('unreadable');
    expect(problem.readError).toContain(path);
    expect(problem.readError).toContain('symbolic link');
    const error = await refusal(s.services.exports.run({ outPath: out }));
    expect(error.message).toContain(record.id);
    expect(leftovers(dirname(s.folder))).toEqual([]);
  });

  it('a findings file replaced by a FIFO neither hangs the evidence list, the checks nor the export', async () => {
    const s = await scenarioWorkspace();
    const record = s.records.find((r) => r.kind === 'findings')!;
    const path = s.services.workspaces.require().evidence.filePath(record.sha256);
    replace(path, fifo);
    const item = (await s.services.evidence.list()).find((e) => e.id === record.id)!;
    expect(item.integrity).toBe('unreadable');
    expect(item.readError).toContain('named pipe (FIFO)');
    expect(item.readError).toContain(path);
    const latest = (await s.services.checks.latest()).find((l) => l.checkId === record.checkId)!;
    expect(latest.integrity).toBe('unreadable');
    const error = await refusal(s.services.exports.run({ outPath: join(dirname(s.folder), 'bundle.zip') }));
    expect(error.code).toBe('EVIDENCE_UNREADABLE');
    expect(error.message).toContain(record.id);
  });

  it('an activity.jsonl that is a link is never appended to: the change is refused and the file it points at is untouched', async () => {
    const { services, folder } = await createTestWorkspace();
    const outside = join(tempDir(), 'elsewhere.jsonl');
    writeFileSync(outside, 'not yours\n');
    renameSync(join(folder, 'activity.jsonl'), join(dirname(outside), 'moved.jsonl'));
    symlinkSync(outside, join(folder, 'activity.jsonl'));
    const error = await refusal(services.controls.setNotes('iam-root-account', 'A note'));
    expect(error.message).toContain(join(folder, 'activity.jsonl'));
    expect(error.message).toContain('symbolic link');
    expect(readFileSync(outside, 'utf8')).toBe('not yours\n');
  });

  it('evidence/files as a link to a folder outside the workspace: nothing is written there', async () => {
    const { services, folder } = await createTestWorkspace();
    const outside = tempDir();
    mkdirSync(join(folder, 'evidence'), { recursive: true });
    rmSync(join(folder, 'evidence', 'files'), { recursive: true, force: true });
    symlinkSync(outside, join(folder, 'evidence', 'files'));
    const dir = tempDir();
    const error = await refusal(
      services.imports.importFile(write(dir, 'a.png', tinyPng(1)), 'a.png', DETAILS, 'file picker'),
    );
    expect(error.code).toBe('SAVE_FAILED');
    expect(error.message).toContain(`${join(folder, 'evidence', 'files')} is a symbolic link`);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a workspace document that is a folder or a link is refused on open, naming it', async () => {
    const { services, folder } = await createTestWorkspace();
    await services.workspaces.close();
    const team = join(folder, 'team.json');
    const real = join(tempDir(), 'team.json');
    renameSync(team, real);
    symlinkSync(real, team);
    const error = await refusal(services.workspaces.open(folder));
    expect(error.code).toBe('WORKSPACE_FILE_REFUSED');
    expect(error.message).toContain(team);
    rmSync(team);
    mkdirSync(team);
    const again = await refusal(services.workspaces.open(folder));
    expect(again.message).toContain(`${team} is a folder`);
    expect(existsSync(join(folder, '.workbench.lock'))).toBe(false);
  });
});
