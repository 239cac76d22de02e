import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { controlsForCheck } from '../../../shared/catalog';
import { startAwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { hostNameUrl, sandboxLookup } from '../../../main/sandbox/aws-endpoint/sandbox-http';
import {
  ALL_KINDS_CONFIG,
  ALL_KINDS_CREDENTIALS,
  START_URL,
} from '../../../main/sandbox/aws-endpoint/scenarios/basic-profiles';
import { PRODUCTION, STAGING, multiAccountScenario } from '../../../main/sandbox/aws-endpoint/scenarios/multi-account';
import { seedDemoWorkspace } from '../../fixtures/demo-workspace';
import type { ScreenshotStep } from '../context';

/**
 * The checks run on two accounts of the multi-account scenario: a control page with a regional
 * finding per account (GuardDuty, region by region), and the regions card in Settings.
 */
export const multiAccountSteps: ScreenshotStep[] = [
  {
    name: 'regional findings and regions setting',
    async run(ctx) {
      const endpoint = await startAwsEndpoint({ scenario: multiAccountScenario() });
      const saved = { HOME: process.env.HOME, AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL };
      const home = ctx.tempDir('aw-shots-home-');
      mkdirSync(join(home, '.aws', 'sso', 'cache'), { recursive: true });
      writeFileSync(join(home, '.aws', 'config'), ALL_KINDS_CONFIG);
      writeFileSync(join(home, '.aws', 'credentials'), ALL_KINDS_CREDENTIALS);
      writeFileSync(
        join(home, '.aws', 'sso', 'cache', `${createHash('sha1').update('corp').digest('hex')}.json`),
        JSON.stringify({
          startUrl: START_URL,
          region: 'us-east-1',
          accessToken: 'aoaEXAMPLEVALIDACCESSTOKEN',
          expiresAt: '2099-01-01T00:00:00Z',
        }),
      );
      process.env.HOME = home;
      process.env.AWS_ENDPOINT_URL = hostNameUrl(endpoint.url);
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
        await app.services.checks.run({});
        await app.page.reload();
        const { page } = app;

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
        await regions.scrollIntoViewIfNeeded();
        await ctx.shot(app, 'settings-regions');
        await app.quit();
      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
        await endpoint.close();
      }
    },
  },
];
