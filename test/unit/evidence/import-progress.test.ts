import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/contract';
import { IMPORT_PROGRESS_MIN_BYTES } from '../../../shared/ipc/channels/evidence';
import { WORKSPACE_TEMP_DIR } from '../../../main/services/workspace/workspace-temp';
import { createTestWorkspace, refusal, tempDir } from '../helpers/services';

type Progress = EventPayload<'progress'>;
const DETAILS = {
  title: 'Vendor inventory export',
  effectiveDate: '2026-11-20',
  controlIds: ['vendor-risk-management'],
};
const MB = 1024 * 1024;

/** Every file and folder of the workspace with its content hash: what "unchanged" means here. */
function tree(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const rel = relative(folder, path);
      if (statSync(path).isDirectory()) {
        out[`${rel}/`] = 'folder';
        walk(path);
      } else out[rel] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(folder);
  return out;
}

/** A large JSON array: its syntax check in the worker reads every byte (and takes a while). */
function largeJson(mb: number): string {
  const path = join(tempDir('aw-import-src-'), 'inventory.json');
  const row = '{"vendor":"Example Payments Ltd","tier":2,"reviewed":"2026-10-01"},';
  const rows = Math.ceil((mb * MB) / row.length);
  writeFileSync(path, `[${row.repeat(rows)}{"end":true}]`);
  return path;
}

async function workspaceWithEvents() {
  const events: Progress[] = [];
  let onEvent: (p: Progress) => void = () => {};
  const ctx = await createTestWorkspace({
    adapters: {
      emit: (event, payload) => {
        if (event !== 'progress' || (payload as Progress).task !== 'import') return;
        events.push(payload as Progress);
        onEvent(payload as Progress);
      },
    },
  });
  return { ...ctx, progress: events, onProgress: (f: (p: Progress) => void) => (onEvent = f) };
}

describe('imports over a few MB: progress and cancel', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    while (opened.length) await opened.pop()!.close();
  });

  it('reports bytes copied, checked and hashed; done only grows and the last event is the whole', async () => {
    const t = await workspaceWithEvents();
    opened.push(t.services.workspaces);
    const source = largeJson(12);
    const size = statSync(source).size;
    const record = await t.services.imports.importFile(source, 'inventory.json', DETAILS, 'file picker');
    expect(record.size).toBe(size);
    const steps = [...new Set(t.progress.map((p) => p.step))];
    expect(steps).toEqual(['copying', 'checking', 'storing', 'stored']);
    for (let i = 1; i < t.progress.length; i++)
      expect(t.progress[i]!.done).toBeGreaterThanOrEqual(t.progress[i - 1]!.done);
    for (const p of t.progress) expect(p.total).toBe(2 * size);
    expect(t.progress.at(-1)).toMatchObject({ step: 'stored', done: 2 * size, message: 'Stored inventory.json' });
    expect(t.progress.find((p) => p.step === 'checking')?.message).toBe('Checking what inventory.json holds');
  });

  it(`an import under ${IMPORT_PROGRESS_MIN_BYTES / MB} MB sends no progress`, async () => {
    const t = await workspaceWithEvents();
    opened.push(t.services.workspaces);
    const source = join(tempDir(), 'small.txt');
    writeFileSync(source, 'Vendor review notes.\n'.repeat(1000));
    await t.services.imports.importFile(source, 'small.txt', DETAILS, 'file picker');
    expect(t.progress).toEqual([]);
  });

  for (const step of ['copying', 'checking', 'storing'] as const) {
    it(`Cancel while ${step} leaves the workspace as it was: no record, no file, no log line, no staged copy`, async () => {
      const t = await workspaceWithEvents();
      opened.push(t.services.workspaces);
      const source = largeJson(24);
      const size = statSync(source).size;
      // An earlier import made the temp folder; the cancelled one must leave it empty.
      const small = join(tempDir(), 'first.txt');
      writeFileSync(small, 'first\n');
      await t.services.imports.importFile(small, 'first.txt', DETAILS, 'file picker');
      const before = tree(t.folder);
      t.onProgress((p) => {
        if (p.step !== step) return;
        // Mid-way through the copies; the content check is cancelled once it has started.
        if (step === 'copying' && p.done > 0 && p.done < size) t.services.imports.cancel();
        if (step === 'storing' && p.done > size && p.done < 2 * size) t.services.imports.cancel();
        if (step === 'checking') setTimeout(() => t.services.imports.cancel(), 30);
      });
      const error = await refusal(t.services.imports.importFile(source, 'inventory.json', DETAILS, 'file picker'));
      expect(error.code).toBe('CANCELLED');
      expect(error.message).toBe('Import cancelled — nothing was added to the workspace.');
      expect(t.progress.at(-1)!.step).toBe(step);
      expect(t.progress.at(-1)!.done).toBeLessThan(2 * size);
      expect(tree(t.folder)).toEqual(before);
      expect(readdirSync(join(t.folder, WORKSPACE_TEMP_DIR))).toEqual([]);
      expect((await t.services.evidence.list()).map((e) => e.title)).toEqual([DETAILS.title]);
      expect(t.services.imports.cancel()).toEqual({ cancelled: false });
    });
  }

  it('closing the workspace cancels an import in progress and waits for it', async () => {
    const t = await workspaceWithEvents();
    const source = largeJson(24);
    let closing: Promise<void> | null = null;
    t.onProgress((p) => {
      if (p.step === 'copying' && p.done > 0 && !closing) closing = t.services.workspaces.close();
    });
    const error = await refusal(t.services.imports.importFile(source, 'inventory.json', DETAILS, 'file picker'));
    expect(error.code).toBe('CANCELLED');
    await closing;
    expect(readdirSync(join(t.folder, WORKSPACE_TEMP_DIR))).toEqual([]);
    // Nothing reached the store: its folder is made by the first file put in place.
    expect(existsSync(join(t.folder, 'evidence', 'files'))).toBe(false);
  });
});
