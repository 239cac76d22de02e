import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../main/services/logger';
import { WORKSPACE_TEMP_DIR } from '../../../main/services/workspace/workspace-temp';
import { createTestWorkspace, refusal, tempDir } from '../helpers/services';
import { tinyPng, write } from '../evidence/files';

const DETAILS = { title: 'Root MFA', effectiveDate: '2026-11-20', controlIds: ['iam-root-account'] };

function recordingLogger() {
  const lines: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
  const at =
    (level: string) =>
    (message: string, fields?: Record<string, unknown>): void => {
      lines.push({ level, message, ...(fields ? { fields } : {}) });
    };
  const logger: Logger = { info: at('info'), warn: at('warn'), error: at('error') };
  return { logger, lines };
}

const importNames = () => readdirSync(tmpdir()).filter((n) => n.startsWith('aw-import-'));

describe('what a killed run leaves inside the workspace', () => {
  it('the next open removes the temp folder contents and half-written .tmp files, logs them, and keeps everything else', async () => {
    const { logger, lines } = recordingLogger();
    const { services, folder } = await createTestWorkspace({ logger });
    const evidence = await services.imports.importFile(
      write(tempDir(), 'a.png', tinyPng(1)),
      'a.png',
      DETAILS,
      'file picker',
    );
    await services.workspaces.close();
    // What kill -9 leaves: a staged import, a streamed evidence copy, atomic writes of a document and a record.
    mkdirSync(join(folder, WORKSPACE_TEMP_DIR, 'run-Xy12ab'), { recursive: true });
    writeFileSync(join(folder, WORKSPACE_TEMP_DIR, 'run-Xy12ab', 'file'), 'the audit content being imported');
    writeFileSync(join(folder, 'evidence', 'files', '.import-0123456789ab.tmp'), 'half an evidence file');
    writeFileSync(join(folder, '.team.json.0123456789ab.tmp'), '{"members": [');
    writeFileSync(join(folder, 'evidence', 'records', `.${evidence.id}.json.a1b2c3d4e5f6.tmp`), '{');
    // Look-alikes that are not the app's temp files stay.
    writeFileSync(join(folder, '.notes.tmp'), 'mine');
    writeFileSync(join(folder, 'evidence', 'files', 'README.tmp'), 'mine too');

    await services.workspaces.open(folder);

    const removed = services.workspaces.require().repairs?.leftovers;
    expect(removed?.sort()).toEqual(
      [
        join(WORKSPACE_TEMP_DIR, 'run-Xy12ab'),
        join('evidence', 'files', '.import-0123456789ab.tmp'),
        '.team.json.0123456789ab.tmp',
        join('evidence', 'records', `.${evidence.id}.json.a1b2c3d4e5f6.tmp`),
      ].sort(),
    );
    expect(readdirSync(join(folder, WORKSPACE_TEMP_DIR))).toEqual([]);
    expect(existsSync(join(folder, 'evidence', 'files', '.import-0123456789ab.tmp'))).toBe(false);
    expect(existsSync(join(folder, '.team.json.0123456789ab.tmp'))).toBe(false);
    expect(readFileSync(join(folder, '.notes.tmp'), 'utf8')).toBe('mine');
    expect(existsSync(join(folder, 'evidence', 'files', 'README.tmp'))).toBe(true);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: 'workspace: removed what a killed run left',
        fields: expect.objectContaining({ removed }),
      }),
    );
    // The evidence itself is untouched and still checks out.
    const item = (await services.evidence.list()).find((i) => i.id === evidence.id);
    expect(item?.integrity).toBe('ok');
  });

  it('a link planted as the temp folder is removed as a link; what it points at is left alone', async () => {
    const { services, folder } = await createTestWorkspace();
    await services.workspaces.close();
    const outside = tempDir('aw-outside-');
    writeFileSync(join(outside, 'precious.txt'), 'not the workspace');
    symlinkSync(outside, join(folder, WORKSPACE_TEMP_DIR));
    await services.workspaces.open(folder);
    expect(services.workspaces.require().repairs?.leftovers).toEqual([WORKSPACE_TEMP_DIR]);
    expect(readFileSync(join(outside, 'precious.txt'), 'utf8')).toBe('not the workspace');
    expect(existsSync(join(folder, WORKSPACE_TEMP_DIR))).toBe(false);
  });

  it("an import is staged inside the workspace, never in the system's temp folder, and leaves nothing there", async () => {
    const { services, folder } = await createTestWorkspace();
    const before = importNames();
    const record = await services.imports.importFile(
      write(tempDir(), 'a.png', tinyPng(2)),
      'a.png',
      DETAILS,
      'file picker',
    );
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(join(folder, WORKSPACE_TEMP_DIR))).toEqual([]);
    expect(importNames()).toEqual(before);
    // Where the staging goes is where a refusal points: a file in the temp folder's place stops the import.
    const recordsBefore = readdirSync(join(folder, 'evidence', 'records')).sort();
    rmSync(join(folder, WORKSPACE_TEMP_DIR), { recursive: true });
    writeFileSync(join(folder, WORKSPACE_TEMP_DIR), 'a file where the temp folder belongs');
    const error = await refusal(
      services.imports.importFile(write(tempDir(), 'b.png', tinyPng(3)), 'b.png', DETAILS, 'file picker'),
    );
    expect(error.message).toContain(join(folder, WORKSPACE_TEMP_DIR));
    expect(readdirSync(join(folder, 'evidence', 'records')).sort()).toEqual(recordsBefore);
  });
});
