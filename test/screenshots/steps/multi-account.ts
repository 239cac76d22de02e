import { join } from 'node:path';
import { controlsForCheck } from '../../../shared/catalog';
import { startAwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { hostNameUrl, sandboxLookup } from '../../../main/sandbox/aws-endpoint/sandbox-http';
import { applyEnvironment } from '../../fixtures/process-environment';
import { signedInAwsHomeEnvironment } from '../../fixtures/signed-in-aws-home';
import { PRODUCTION, STAGING, multiAccountScenario } from '../../../main/sandbox/aws-endpoint/scenarios/multi-account';
import { seedDemoWorkspace } from '../../fixtures/demo-workspace';
import type { ScreenshotStep } from '../context';

/**
 * The checks run on two accounts of the multi-account scenario: the run's progress per account,
 * a control page with a regional finding per account (GuardDuty, region by region), and the
 * regions card in Settings.
 */
export const multiAccountSteps: ScreenshotStep[] = [
  {
    name: 'regional findings and regions setting',
    async run(ctx) {
      const endpoint = await startAwsEndpoint({ scenario: multiAccountScenario() });
      const restore = applyEnvironment(
        signedInAwsHomeEnvironment(ctx.tempDir('aw-shots-home-'), hostNameUrl(endpoint.url)),
      );
      try {
        const app = await ctx.launch({
          services: {
            aws: { clientSettings: { maxAttempts: 3, lookup: sandboxLookup } },
            checks: { poll: { delaysMs: [5, 10], maxWaitMs: 5_000 } },
          },
        });
        await seedDemoWorkspace(app.services, join(ctx.tempDir('aw-shots-'), 'acme'));
        await app.services.awsWorkspace.setProfile('audit');
        await app.services.awsWorkspace.selectAccounts([PRODUCTION, STAGING], 'audit');
        await app.page.reload();
        const { page } = app;

        // The run from the Checks screen: one progress line per account (regions read, checks done) above the bars.
        await page.getByTestId('nav-checks').click();
        await page.getByTestId('checks-run-all').click();
        await page
          .getByTestId('account-progress')
          .filter({ hasText: /: [1-9]\d* of \d+ regions read/ })
          .waitFor({ timeout: 120_000 });
        await page.locator('[data-testid="account-progress-row"]').nth(1).waitFor();
        await ctx.shot(app, 'checks-account-progress');
        await page.locator('[data-testid="run-results"][data-status="completed"]').waitFor({ timeout: 240_000 });

        await page.setViewportSize({ width: 1360, height: 900 });
        await page.getByTestId('nav-controls').click();
        await page.getByTestId(`control-row-${controlsForCheck('monitoring.guardduty')[0]!.id}`).click();
        const finding = page.locator('[data-testid="control-finding"][data-check-id="monitoring.guardduty"]');
        await finding.locator('[data-testid="control-finding-account"]').first().waitFor();
        await page.setViewportSize({ width: 1360, height: 1500 });
        // The check's title and each account's result line in view, below the app's header.
        await finding.evaluate((el) => el.scrollIntoView({ block: 'start' }));
        await page.mouse.move(700, 700);
        await page.mouse.wheel(0, -120);
        await ctx.shot(app, 'control-regional-finding');

        await page.setViewportSize({ width: 1360, height: 1400 });
        await page.getByTestId('nav-settings').click();
        const regions = page.getByTestId('regions-card');
        await regions.locator('[data-testid="region-row"]').first().waitFor();
        // Each enabled region says whether it is in use and why ("1 VPC besides the default one", "enabled, nothing found").
        await regions.locator('[data-testid="region-counted"]').first().waitFor();
        await page.setViewportSize({ width: 1360, height: 1900 });
        await regions.scrollIntoViewIfNeeded();
        await ctx.shot(app, 'settings-regions');
        await app.quit();
      } finally {
        restore();
        await endpoint.close();
      }
    },
  },
];
