import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activityOnDisk, createTestWorkspace, DANA, refusal, tempDir } from '../helpers/services';
import { tinyPng, write } from './files';

const CONTROL = 'iam-access-key-rotation';
const SHOT = 'shot.iam-users';
const DOC = 'doc.key-rotation-procedure';

/** A guided screenshot as the capture service stores it: the record names the request it was taken for. */
async function captureFor(ctx: Awaited<ReturnType<typeof createTestWorkspace>>, requestId: string, seed: number) {
  const ws = ctx.services.workspaces.require();
  return ws.evidence.addBytes(tinyPng(seed), {
    title: 'IAM users with MFA and access key age',
    kind: 'screenshot',
    mediaType: 'image/png',
    fileName: `iam-users-${seed}.png`,
    controlIds: ['iam-mfa-enforcement', CONTROL],
    source: {
      type: 'console_capture',
      url: 'https://console.aws.amazon.com/iam/home#/users',
      windowSize: { width: 1280, height: 800 },
    },
    capturedAt: `2026-12-0${seed}T10:00:00.000Z`,
    effectiveDate: `2026-12-0${seed}`,
    capturedBy: DANA,
    meta: { requestId },
  });
}

const standingOf = async (ctx: Awaited<ReturnType<typeof createTestWorkspace>>, controlId: string, id: string) =>
  (await ctx.services.evidenceRequests.list(controlId)).requests.find((r) => r.id === id)!.standing;

describe("the catalog's own evidence requests", () => {
  it('are missing until evidence provides them: a capture names its request, an import is linked, a retired capture provides nothing', async () => {
    const ctx = await createTestWorkspace();
    const { services } = ctx;
    try {
      const all = await services.evidenceRequests.list();
      expect(all.counts.total).toBeGreaterThan(20);
      expect(all.counts.missing).toBe(all.counts.total);
      expect(all.missingByControl.find((c) => c.controlId === CONTROL)).toMatchObject({ missing: 2 });

      const shot = await captureFor(ctx, SHOT, 1);
      // One screenshot request proves two controls: it is provided on both pages.
      for (const control of [CONTROL, 'iam-mfa-enforcement'])
        expect(await standingOf(ctx, control, SHOT)).toEqual({
          state: 'provided',
          evidence: [{ id: shot.id, title: shot.title, capturedAt: shot.capturedAt }],
        });
      expect(await standingOf(ctx, CONTROL, DOC)).toEqual({ state: 'missing' });

      const dir = tempDir();
      const procedure = await services.imports.importFile(
        write(dir, 'rotation.png', tinyPng(7)),
        'rotation.png',
        { title: 'Key rotation procedure v2', effectiveDate: '2026-11-20', controlIds: [CONTROL] },
        'file picker',
      );
      await services.evidenceRequests.link(DOC, procedure.id);
      expect(await standingOf(ctx, CONTROL, DOC)).toMatchObject({
        state: 'provided',
        evidence: [{ id: procedure.id }],
      });
      expect(activityOnDisk(ctx.folder).at(-1)).toMatchObject({
        action: 'evidence-request.linked',
        details: { requestId: DOC, evidenceId: procedure.id },
      });
      const view = await services.evidenceRequests.list(CONTROL);
      expect(view.counts).toEqual({ total: 2, provided: 2, notApplicable: 0, missing: 0 });

      await services.evidence.retire(shot.id, 'Shows the staging account');
      expect(await standingOf(ctx, CONTROL, SHOT)).toEqual({ state: 'missing' });
      // A newer capture provides it again.
      const again = await captureFor(ctx, SHOT, 2);
      expect(await standingOf(ctx, CONTROL, SHOT)).toMatchObject({ state: 'provided', evidence: [{ id: again.id }] });

      await services.evidenceRequests.unlink(DOC, procedure.id);
      expect(await standingOf(ctx, CONTROL, DOC)).toEqual({ state: 'missing' });
      expect((await refusal(services.evidenceRequests.link('doc.no-such-request', procedure.id))).code).toBe(
        'NOT_FOUND',
      );
    } finally {
      await services.workspaces.close();
    }
  }, 60_000);

  it('not applicable: a reason, who and when, logged, kept across reopening, listed apart by the pre-flight, and undone', async () => {
    const ctx = await createTestWorkspace();
    const { services, folder } = ctx;
    try {
      const before = await services.exports.preflight({});
      expect(before.missingRequests.map((r) => r.id)).toEqual(expect.arrayContaining([DOC, SHOT]));
      expect(before.missingRequests.find((r) => r.id === SHOT)!.controlIds.sort()).toEqual([
        'iam-access-key-rotation',
        'iam-mfa-enforcement',
      ]);

      await services.evidenceRequests.markNotApplicable(DOC, 'Nobody has long-lived keys: SSO only');
      expect(activityOnDisk(folder).at(-1)).toMatchObject({
        action: 'evidence-request.not-applicable',
        target: `control:${CONTROL}`,
        actor: { email: DANA.email },
        details: { requestId: DOC, reason: 'Nobody has long-lived keys: SSO only' },
      });
      const onDisk = JSON.parse(readFileSync(join(folder, 'evidence-requests.json'), 'utf8'));
      expect(onDisk.requests[DOC].notApplicable).toMatchObject({
        reason: 'Nobody has long-lived keys: SSO only',
        by: DANA,
      });

      await services.workspaces.close();
      await services.workspaces.open(folder);
      expect(await standingOf(ctx, CONTROL, DOC)).toEqual({
        state: 'not_applicable',
        mark: { reason: 'Nobody has long-lived keys: SSO only', by: DANA, at: expect.any(String) },
      });
      const marked = await services.exports.preflight({});
      expect(marked.missingRequests.map((r) => r.id)).not.toContain(DOC);
      expect(marked.missingRequests.map((r) => r.id)).toContain(SHOT);

      await services.evidenceRequests.undoNotApplicable(DOC);
      expect(await standingOf(ctx, CONTROL, DOC)).toEqual({ state: 'missing' });
      expect(activityOnDisk(folder).at(-1)).toMatchObject({
        action: 'evidence-request.applicable-again',
        details: { requestId: DOC, previous: { reason: 'Nobody has long-lived keys: SSO only' } },
      });
      expect((await refusal(services.evidenceRequests.undoNotApplicable(DOC))).code).toBe('CONFLICT');
      expect((await services.exports.preflight({})).missingRequests.map((r) => r.id)).toContain(DOC);
    } finally {
      await services.workspaces.close();
    }
  }, 60_000);

  it('a workspace from before evidence-requests.json opens with every request missing', async () => {
    const ctx = await createTestWorkspace();
    const { services, folder } = ctx;
    try {
      await services.workspaces.close();
      rmSync(join(folder, 'evidence-requests.json'));
      await services.workspaces.open(folder);
      expect(existsSync(join(folder, 'evidence-requests.json'))).toBe(false);
      const view = await services.evidenceRequests.list();
      expect(view.counts.missing).toBe(view.counts.total);
      await services.evidenceRequests.markNotApplicable(DOC, 'SSO only');
      expect(existsSync(join(folder, 'evidence-requests.json'))).toBe(true);
    } finally {
      await services.workspaces.close();
    }
  }, 60_000);
});
