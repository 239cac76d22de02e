import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { silentLogger } from '../../../main/services/logger';
import { createTestWorkspace } from '../helpers/services';

const APP = { url: 'file:///app/out/renderer/index.html', isMainFrame: true };
/** Names every plain object inherits: a lookup by id must never find them. */
const PROTOTYPE_IDS = [
  'constructor',
  '__proto__',
  'toString',
  'tostring',
  'hasownproperty',
  'valueof',
  'isprototypeof',
];

const inputs = (controlId: string, ownerId: string): Record<string, unknown> => ({
  'controls.setOwner': { controlId, ownerId },
  'controls.setStatus': { controlId, status: 'in_progress' },
  'controls.setNotes': { controlId, notes: 'x' },
  'controls.addExclusion': {
    controlId,
    what: 'Legacy account',
    reason: 'Decommissioned next quarter',
    approvedBy: 'Dana Founder',
    expiresOn: '2099-12-31',
  },
  'controls.removeExclusion': { controlId, exclusionId: 'anything' },
});

describe('control ids that name Object.prototype members', () => {
  it('are refused as NOT_FOUND or INVALID_INPUT on every controls channel, never INTERNAL, and nothing is written', async () => {
    const { services, folder } = await createTestWorkspace();
    const router = createRouter({
      handlers: createHandlers(services),
      isTrustedSender: () => true,
      logger: silentLogger,
    });
    const ownerId = services.workspaces.snapshot().members[0]!.id;
    const controls = readFileSync(join(folder, 'controls.json'), 'utf8');
    const activity = readFileSync(join(folder, 'activity.jsonl'), 'utf8');
    for (const id of PROTOTYPE_IDS) {
      for (const [channel, input] of Object.entries(inputs(id, ownerId))) {
        const result = await router.invoke(channel, input, APP);
        expect(result.ok, `${channel} ${id}`).toBe(false);
        if (result.ok) continue;
        expect(
          ['NOT_FOUND', 'INVALID_INPUT'],
          `${channel} ${id}: ${result.error.code} ${result.error.message}`,
        ).toContain(result.error.code);
      }
    }
    expect(readFileSync(join(folder, 'controls.json'), 'utf8')).toBe(controls);
    expect(readFileSync(join(folder, 'activity.jsonl'), 'utf8')).toBe(activity);
    const states = await router.invoke('controls.states', undefined, APP);
    expect(states).toMatchObject({ ok: true });
    if (states.ok) for (const id of PROTOTYPE_IDS) expect(Object.hasOwn(states.value as object, id)).toBe(false);
  });

  it('are refused as NOT_FOUND by the service itself, behind the channel schema', async () => {
    const { services } = await createTestWorkspace();
    const ownerId = services.workspaces.snapshot().members[0]!.id;
    for (const id of PROTOTYPE_IDS) {
      await expect(services.controls.setOwner(id, ownerId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(services.controls.setStatus(id, 'in_progress')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(services.controls.setNotes(id, 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(
        services.controls.addExclusion({
          controlId: id,
          what: 'Legacy account',
          reason: 'Decommissioned',
          approvedBy: 'Dana Founder',
          expiresOn: '2099-12-31',
        }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(services.controls.removeExclusion(id, 'anything')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('a catalog control without saved state still answers "no such exclusion" as NOT_FOUND', async () => {
    const { services } = await createTestWorkspace();
    await expect(services.controls.removeExclusion('iam-root-account', 'nope')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'That exclusion no longer exists.',
    });
  });
});
