import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ActivityLog } from '../../../main/services/workspace/activity-log';
import { tempDir } from '../helpers/services';

const entry = (summary: string) => ({
  at: '2026-11-26T10:00:00.000Z',
  actor: { name: 'Dana', email: 'dana@acme.example' },
  action: 'test',
  summary,
});

describe('the activity log', () => {
  it('cuts a torn last line (a crash mid-append), keeps its bytes aside, says so, and the chain still holds', async () => {
    const root = tempDir();
    const log = new ActivityLog(root);
    await log.append(entry('one'));
    appendFileSync(join(root, 'activity.jsonl'), '{"at":"2026-11-26T10:00:0');
    await log.append(entry('two'));
    await log.append(entry('three'));
    const { entries, skipped } = await log.read();
    expect(entries.map((e) => e.summary.slice(0, 40))).toEqual([
      'three',
      'two',
      'The last line of activity.jsonl (line 2,',
      'one',
    ]);
    expect(entries[2]!.action).toBe('activity.recovered');
    expect(skipped).toBe(0);
    const aside = readdirSync(join(root, '.backup')).filter((f) => f.startsWith('activity-torn-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(root, '.backup', aside[0]!), 'utf8')).toBe('{"at":"2026-11-26T10:00:0');
    const check = await log.check();
    expect(check.reading.problem).toBeNull();
    expect(check.reading.lines).toHaveLength(4);
  });

  it('names the first five unreadable lines by number and counts all of them', async () => {
    const root = tempDir();
    const log = new ActivityLog(root);
    await log.append(entry('one'));
    // Line 2 is not JSON, line 3 is JSON but not an entry, then a blank line, then five more bad lines.
    appendFileSync(join(root, 'activity.jsonl'), 'garbage\n{"at":"not a date"}\n\n' + 'x\n'.repeat(5));
    await log.append(entry('two'));
    const { entries, skipped, skippedLines } = await log.read({ limit: 1 });
    expect(entries.map((e) => e.summary)).toEqual(['two']);
    expect(skipped).toBe(7);
    expect(skippedLines).toEqual([2, 3, 5, 6, 7]);
  });

  it('filters by target and limits, newest first', async () => {
    const log = new ActivityLog(tempDir());
    for (const [i, target] of ['control:a', 'control:b', 'control:a'].entries())
      await log.append({ ...entry(`#${i}`), target });
    expect((await log.read({ target: 'control:a', limit: 1 })).entries.map((e) => e.summary)).toEqual(['#2']);
  });
});

describe('a change whose activity entry cannot be written', () => {
  it('is not saved either: the previous version is put back, and the message says exactly that', async () => {
    const { createTestWorkspace } = await import('../helpers/services');
    const { mkdirSync, rmSync } = await import('node:fs');
    const { services, folder } = await createTestWorkspace();
    const before = readFileSync(join(folder, 'controls.json'), 'utf8');
    rmSync(join(folder, 'activity.jsonl'));
    mkdirSync(join(folder, 'activity.jsonl'));
    const error = await services.controls.setStatus('iam-root-account', 'in_progress').catch((e) => e);
    expect(error.code).toBe('SAVE_FAILED');
    expect(error.message).toMatch(
      /^Your change was not saved: the activity log could not record it\. .*activity\.jsonl is a folder/,
    );
    expect(error.hint).toMatch(/The previous state is intact/);
    expect(readFileSync(join(folder, 'controls.json'), 'utf8')).toBe(before);
    expect(services.controls.states()['iam-root-account']?.status ?? 'not_started').toBe('not_started');
  });
});
