import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestWorkspace, refusal, tempDir, testServices } from '../helpers/services';
import { tinyPng, write } from '../evidence/files';

const DETAILS = { title: 'Root MFA', effectiveDate: '2026-11-20', controlIds: ['iam-root-account'] };

async function withTwo() {
  const ctx = await createTestWorkspace();
  const dir = tempDir();
  const a = await ctx.services.imports.importFile(write(dir, 'a.png', tinyPng(1)), 'a.png', DETAILS, 'file picker');
  const b = await ctx.services.imports.importFile(write(dir, 'b.png', tinyPng(2)), 'b.png', DETAILS, 'file picker');
  const recordPath = (id: string) => join(ctx.folder, 'evidence', 'records', `${id}.json`);
  return { ...ctx, a, b, recordPath };
}

function editRecord(path: string, change: (r: Record<string, unknown>) => void) {
  const record = JSON.parse(readFileSync(path, 'utf8'));
  change(record);
  chmodSync(path, 0o644);
  writeFileSync(path, JSON.stringify(record, null, 2));
}

const logLines = (folder: string) => readFileSync(join(folder, 'activity.jsonl'), 'utf8').split('\n').filter(Boolean);
const writeLines = (folder: string, lines: string[]) =>
  writeFileSync(join(folder, 'activity.jsonl'), `${lines.join('\n')}\n`);

describe('sealed evidence records', () => {
  it('each evidence.added line carries the record hash, the file hash, and the hash of the line before', async () => {
    const { folder, a } = await withTwo();
    const lines = logLines(folder).map((l) => JSON.parse(l));
    const added = lines.find((l) => l.action === 'evidence.added' && l.details.evidenceId === a.id);
    expect(added.details.sha256).toBe(a.sha256);
    expect(added.details.recordSha256).toMatch(/^[a-f0-9]{64}$/);
    expect(lines[0].prevSha256).toBe('0'.repeat(64));
    expect(lines.slice(1).every((l) => /^[a-f0-9]{64}$/.test(l.prevSha256))).toBe(true);
    const head = JSON.parse(readFileSync(join(folder, 'activity.head.json'), 'utf8'));
    expect(head.lines).toBe(lines.length);
  });

  for (const [field, change] of [
    [
      'aws',
      (r: Record<string, unknown>) => (r.aws = { accountId: '444455556666', principalArn: 'x', region: 'eu-west-1' }),
    ],
    ['capturedAt', (r: Record<string, unknown>) => (r.capturedAt = '2020-01-01T00:00:00.000Z')],
    ['capturedBy.name', (r: Record<string, unknown>) => ((r.capturedBy as { name: string }).name = 'Mallory')],
    ['title', (r: Record<string, unknown>) => (r.title = 'Something else')],
  ] as const) {
    it(`a record edited in ${field} is Tampered, names the field, and the export refuses it`, async () => {
      const { services, folder, a, recordPath } = await withTwo();
      editRecord(recordPath(a.id), change);
      await services.workspaces.close();
      await services.workspaces.open(folder);
      const item = (await services.evidence.list()).find((i) => i.id === a.id)!;
      expect(item.integrity).toBe('tampered');
      expect(item.recordProblem?.field).toBe(field);
      const pre = await services.exports.preflight({});
      expect(pre.canExport).toBe(false);
      expect(pre.integrityProblems.find((p) => p.id === a.id)?.problem).toBe('tampered');
      const error = await refusal(services.exports.run({ outPath: join(dirname(folder), 'b.zip') }));
      expect(error.code).toBe('EVIDENCE_TAMPERED');
      expect(error.message).toContain(a.id);
      expect(error.message).toContain(field);
      expect(error.hint).toMatch(/withdraw it/);
    });
  }

  it('a record swapped with another is Tampered in its id', async () => {
    const { services, a, b, recordPath } = await withTwo();
    const textA = readFileSync(recordPath(a.id), 'utf8');
    const textB = readFileSync(recordPath(b.id), 'utf8');
    chmodSync(recordPath(a.id), 0o644);
    chmodSync(recordPath(b.id), 0o644);
    writeFileSync(recordPath(a.id), textB);
    writeFileSync(recordPath(b.id), textA);
    const pre = await services.exports.preflight({});
    const problems = pre.integrityProblems
      .filter((p) => p.problem === 'tampered')
      .map((p) => p.id)
      .sort();
    expect(problems).toEqual([a.id, b.id].sort());
    expect(pre.integrityProblems[0]!.readError).toMatch(/field id differs/);
  });

  it('a record made unparsable is Damaged (never dropped), a deleted one Missing; withdrawing one lets the export go ahead and lists it', async () => {
    const { services, folder, a, b, recordPath } = await withTwo();
    chmodSync(recordPath(a.id), 0o644);
    writeFileSync(recordPath(a.id), `${readFileSync(recordPath(a.id), 'utf8')}x`);
    rmSync(recordPath(b.id));
    const items = await services.evidence.list();
    expect(items.find((i) => i.id === a.id)?.integrity).toBe('damaged');
    expect(items.find((i) => i.id === b.id)?.integrity).toBe('missing');
    // Shown from its seal: the title is still there.
    expect(items.find((i) => i.id === b.id)?.title).toBe('Root MFA');
    const error = await refusal(services.exports.run({ outPath: join(dirname(folder), 'b.zip') }));
    expect(error.message).toMatch(/Damaged|Missing/);
    await services.evidence.withdraw(a.id, 'Record damaged on disk; recaptured');
    await services.evidence.withdraw(b.id, 'Record deleted by mistake; recaptured');
    const pre = await services.exports.preflight({});
    expect(pre.canExport).toBe(true);
    expect(pre.withdrawn.map((w) => w.id).sort()).toEqual([a.id, b.id].sort());
    const withdrawnLine = logLines(folder)
      .map((l) => JSON.parse(l))
      .find((l) => l.action === 'evidence.withdrawn');
    expect(withdrawnLine.details.reason).toMatch(/recaptured/);
    const result = await services.exports.run({ outPath: join(dirname(folder), 'b.zip') });
    expect(result.evidenceFiles).toBe(0);
  }, 120_000);
});

describe('the activity log as a hash chain', () => {
  it('two lines swapped: the first line that no longer follows is named, and the export refuses', async () => {
    const { services, folder } = await withTwo();
    const lines = logLines(folder);
    [lines[1], lines[2]] = [lines[2]!, lines[1]!];
    writeLines(folder, lines);
    const pre = await services.exports.preflight({});
    expect(pre.activityChainProblem).toMatch(/^Line 2 of activity.jsonl does not follow line 1/);
    expect(pre.canExport).toBe(false);
    const error = await refusal(services.exports.run({ outPath: join(dirname(folder), 'b.zip') }));
    expect(error.message).toContain('Line 2 of activity.jsonl');
  });

  it('a line deleted is named by the line after it', async () => {
    const { services, folder } = await withTwo();
    const lines = logLines(folder);
    lines.splice(1, 1);
    writeLines(folder, lines);
    expect((await services.exports.preflight({})).activityChainProblem).toMatch(
      /^Line 2 of activity.jsonl does not follow line 1/,
    );
  });

  it('a chain head that disagrees with the log says so', async () => {
    const { services, folder } = await withTwo();
    const lines = logLines(folder);
    writeLines(folder, lines.slice(0, -1));
    expect((await services.exports.preflight({})).activityChainProblem).toMatch(
      /its chain head says it had \d+ lines: the last lines were removed/,
    );
  });

  it('a last line cut short by a crash is recovered on open and said so, not called tampering', async () => {
    const { services, folder } = await withTwo();
    await services.workspaces.close();
    writeFileSync(
      join(folder, 'activity.jsonl'),
      `${readFileSync(join(folder, 'activity.jsonl'), 'utf8')}{"at":"2026-`,
    );
    await services.workspaces.open(folder);
    expect(services.workspaces.require().repairs?.recovered).toMatch(/cut short, most likely by a crash/);
    const pre = await services.exports.preflight({});
    expect(pre.activityChainProblem).toBeNull();
    expect(pre.canExport).toBe(true);
  });

  it('an older workspace is sealed once on open, with a line saying so; an edit after that is found', async () => {
    const { services, folder, a, recordPath } = await withTwo();
    await services.workspaces.close();
    // As an older version left it: no chain, no head.
    const legacy = logLines(folder).map((l) => {
      const { prevSha256: _, ...rest } = JSON.parse(l);
      return JSON.stringify(rest);
    });
    writeLines(folder, legacy);
    rmSync(join(folder, 'activity.head.json'));
    await services.workspaces.open(folder);
    const sealedLines = logLines(folder)
      .map((l) => JSON.parse(l))
      .slice(legacy.length);
    expect(sealedLines[0].action).toBe('workspace.sealed');
    expect(sealedLines[0].summary).toMatch(/Sealed this workspace once/);
    expect(sealedLines.filter((l) => l.action === 'evidence.sealed')).toHaveLength(2);
    await services.workspaces.close();
    await services.workspaces.open(folder);
    expect(logLines(folder).filter((l) => l.includes('workspace.sealed'))).toHaveLength(1);
    expect((await services.exports.preflight({})).canExport).toBe(true);
    editRecord(recordPath(a.id), (r) => (r.capturedAt = '2020-01-01T00:00:00.000Z'));
    expect((await services.evidence.item(a.id)).recordProblem?.field).toBe('capturedAt');
    // A legacy line changed after sealing is found too.
    writeLines(folder, [legacy[0]!.replace('Acme', 'Evil'), ...logLines(folder).slice(1)]);
    expect((await services.exports.preflight({})).activityChainProblem).toMatch(
      /written before sealing no longer match/,
    );
  });
});

describe('a change is recorded with its log line, or neither happens', () => {
  it('with activity.jsonl a folder, an import stores nothing and says so; once fixed, a retry stores it once', async () => {
    const { services, folder } = await createTestWorkspace();
    rmSync(join(folder, 'activity.jsonl'));
    mkdirSync(join(folder, 'activity.jsonl'));
    const dir = tempDir();
    const source = write(dir, 'a.png', tinyPng(3));
    const error = await refusal(services.imports.importFile(source, 'a.png', DETAILS, 'file picker'));
    expect(error.code).toBe('SAVE_FAILED');
    expect(error.message).toMatch(/was not stored: the activity log could not record it/);
    expect(readdirSync(join(folder, 'evidence', 'records'))).toEqual([]);
    rmSync(join(folder, 'activity.jsonl'), { recursive: true });
    writeFileSync(join(folder, 'activity.jsonl'), '');
    rmSync(join(folder, 'activity.head.json'), { force: true });
    await services.workspaces.close();
    await services.workspaces.open(folder);
    await services.imports.importFile(source, 'a.png', DETAILS, 'file picker');
    expect((await services.evidence.list()).length).toBe(1);
  });
});

describe('kill -9 in the middle of a write', () => {
  const root = resolve(__dirname, '../../..');
  const child = (folder: string, what: 'evidence' | 'log', userDataDir: string) =>
    new Promise<void>((done) => {
      const p = spawn(
        process.execPath,
        ['--import', 'tsx', 'test/unit/workspace/write-forever.child.ts', folder, what, userDataDir],
        {
          cwd: root,
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      let out = '';
      p.stdout!.on('data', (c) => {
        out += c;
        // Killed once it has written a few, in the middle of the next.
        if ((out.match(/\n/g) ?? []).length >= 5) p.kill('SIGKILL');
      });
      p.on('exit', () => done());
    });

  for (const what of ['evidence', 'log'] as const) {
    it(`during ${what === 'evidence' ? 'an evidence write' : 'a log append'}: the workspace opens and verifies`, async () => {
      const { services, folder, userDataDir } = await createTestWorkspace();
      await services.workspaces.close();
      await child(folder, what, userDataDir);
      const fresh = testServices({ userDataDir }).services;
      await fresh.workspaces.open(folder, { takeOverStaleLock: true });
      const pre = await fresh.exports.preflight({});
      expect(pre.activityChainProblem).toBeNull();
      expect(pre.integrityProblems).toEqual([]);
      const records = join(folder, 'evidence', 'records');
      if (what === 'evidence') expect(readdirSync(records).filter((n) => n.endsWith('.pending'))).toEqual([]);
    }, 60_000);
  }
});
