import { join } from 'node:path';
import { seedDemoWorkspace } from '../../fixtures/demo-workspace';
import type { ScreenshotStep } from '../context';

const DANA = { name: 'Dana Founder', email: 'dana@acme.example' };
const CONTROL = 'iam-access-key-rotation';

/**
 * The control page with each screenshot and document request's standing: one provided by a linked
 * import, one marked not applicable with its reason; an older procedure retired as superseded and
 * flagged as older than the freshness window; then the dashboard's evidence requests card.
 */
export const catalogRequestSteps: ScreenshotStep[] = [
  {
    name: 'control request standings',
    async run(ctx) {
      const app = await ctx.launch();
      const folder = join(ctx.tempDir('aw-shots-'), 'acme');
      await seedDemoWorkspace(app.services, folder);
      const ws = app.services.workspaces.require();
      const add = (title: string, fileName: string, effectiveDate: string) =>
        ws.evidence.addBytes(`${title}\n`, {
          title,
          kind: 'document',
          mediaType: 'text/plain',
          fileName,
          controlIds: [CONTROL],
          source: { type: 'import', originalName: fileName },
          capturedAt: `${effectiveDate}T09:00:00.000Z`,
          effectiveDate,
          capturedBy: DANA,
        });
      const old = await add('Key rotation procedure v1', 'key-rotation-v1.txt', '2026-05-04');
      const current = await add('Key rotation procedure v2', 'key-rotation-v2.txt', '2026-11-20');
      await app.services.evidence.retire(old.id, 'Superseded by version 2 of the procedure');
      await app.services.evidenceRequests.link('doc.key-rotation-procedure', current.id);
      await app.services.evidenceRequests.markNotApplicable(
        'shot.iam-users',
        'No IAM users: everyone signs in through IAM Identity Center',
      );
      await app.page.reload();
      const { page } = app;
      await page.setViewportSize({ width: 1360, height: 1400 });
      await page.getByTestId('nav-controls').click();
      await page.getByTestId(`control-row-${CONTROL}`).click();
      await page.getByTestId('catalog-request-not-applicable').waitFor();
      await page.getByTestId('retired-badge').waitFor();
      await ctx.shot(app, 'control-request-standings');
      await page.getByTestId('nav-dashboard').click();
      await page.getByTestId('catalog-requests-missing').waitFor();
      await page.getByTestId('evidence-attention').scrollIntoViewIfNeeded();
      await ctx.shot(app, 'dashboard-evidence-requests');
      await app.quit();
    },
  },
];
