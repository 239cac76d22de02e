import { join } from 'node:path';
import { controlsForCheck } from '../../../shared/catalog';
import { startAwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { applyEnvironment } from '../../fixtures/process-environment';
import { signedInAwsHomeEnvironment } from '../../fixtures/signed-in-aws-home';
import { iamScenario } from '../../../main/sandbox/aws-endpoint/scenarios/iam';
import { seedDemoWorkspace } from '../../fixtures/demo-workspace';
import type { Api } from '../../../shared/ipc/create-api';
import type { ScreenshotStep } from '../context';

/** The checks run on the scenario's troubled account, and a control page with its findings. */
export const checksSteps: ScreenshotStep[] = [
  {
    name: 'checks and control findings',
    async run(ctx) {
      const endpoint = await startAwsEndpoint({ scenario: iamScenario(new Date()) });
      const restore = applyEnvironment(signedInAwsHomeEnvironment(ctx.tempDir('aw-shots-home-'), endpoint.url));
      try {
        const app = await ctx.launch({ services: { checks: { poll: { delaysMs: [5, 10], maxWaitMs: 5_000 } } } });
        await seedDemoWorkspace(app.services, join(ctx.tempDir('aw-shots-'), 'acme'));
        await app.page.reload();
        const { page } = app;
        await page.evaluate(() =>
          (window as unknown as { api: Api }).api.aws.setWorkspaceProfile({ profile: 'audit' }),
        );
        await page.getByTestId('nav-checks').click();
        await page.getByTestId('checks-run-all').click();
        await page.locator('[data-testid="run-results"][data-status="completed"]').waitFor({ timeout: 30_000 });
        await page
          .locator('[data-testid="run-check"][data-check-id="iam.console-users-mfa"]')
          .getByRole('button')
          .first()
          .click();
        await page.setViewportSize({ width: 1360, height: 1300 });
        await ctx.shot(app, 'checks');

        await page.setViewportSize({ width: 1360, height: 900 });
        await page.getByTestId('nav-controls').click();
        await page.getByTestId(`control-row-${controlsForCheck('iam.admin-access')[0]!.id}`).click();
        const findings = page.getByTestId('control-findings');
        await findings.waitFor();
        await page.setViewportSize({ width: 1360, height: 2400 });
        await findings.scrollIntoViewIfNeeded();
        await ctx.shot(app, 'control-findings');
        await app.quit();
      } finally {
        restore();
        await endpoint.close();
      }
    },
  },
];
