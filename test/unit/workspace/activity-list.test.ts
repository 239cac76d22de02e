import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { silentLogger } from '../../../main/services/logger';
import { createTestWorkspace } from '../helpers/services';

const APP = { url: 'file:///app/out/renderer/index.html', isMainFrame: true };

describe('activity.list over IPC', () => {
  it('reports the unreadable lines of activity.jsonl beside the entries it could read', async () => {
    const { services, folder } = await createTestWorkspace();
    const router = createRouter({
      handlers: createHandlers(services),
      isTrustedSender: () => true,
      logger: silentLogger,
    });
    expect(await router.invoke('activity.list', undefined, APP)).toMatchObject({
      ok: true,
      value: { unreadable: { count: 0, lines: [] } },
    });

    // Line 1 is the "workspace created" entry; lines 2 and 3 are damaged.
    appendFileSync(join(folder, 'activity.jsonl'), '{"at":"2026-11-26T10:00:0\n{}\n');
    await services.controls.setStatus('iam-root-account', 'in_progress');
    const result = await router.invoke('activity.list', { limit: 10 }, APP);
    expect(result).toMatchObject({ ok: true, value: { unreadable: { count: 2, lines: [2, 3] } } });
    if (!result.ok) return;
    const { entries } = result.value as { entries: { action: string }[] };
    expect(entries.map((e) => e.action)).toEqual(['control.status-set', 'workspace.created']);
  });
});
