import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { ALL_KINDS_CONFIG, ALL_KINDS_CREDENTIALS } from '../../../main/sandbox/aws-endpoint/scenarios/basic-profiles';
import { seedDemoWorkspace } from '../../fixtures/demo-workspace';
import type { ScreenshotStep } from '../context';

/** The AWS screen signed in to the local AWS endpoint, with the identity and account picker shown. */
export const awsSteps: ScreenshotStep[] = [
  {
    name: 'aws signed in',
    async run(ctx) {
      const endpoint = await startAwsEndpoint({ scenario: 'basic' });
      const saved = { HOME: process.env.HOME, AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL };
      const home = ctx.tempDir('aw-shots-home-');
      mkdirSync(join(home, '.aws'));
      writeFileSync(join(home, '.aws', 'config'), ALL_KINDS_CONFIG);
      writeFileSync(join(home, '.aws', 'credentials'), ALL_KINDS_CREDENTIALS);
      process.env.HOME = home;
      process.env.AWS_ENDPOINT_URL = endpoint.url;
      try {
        const app = await ctx.launch({ services: { aws: { pollScale: 0.05 } } });
        await seedDemoWorkspace(app.services, join(ctx.tempDir('aw-shots-'), 'acme'));
        await app.page.reload();
        const { page } = app;
        await page.getByTestId('nav-aws').click();
        await page.getByTestId('aws-profile-audit').click();
        await page.getByTestId('aws-signin-start').click();
        const code = (await page.getByTestId('aws-user-code').textContent())!.trim();
        endpoint.approveDevice(code);
        await page.getByTestId('aws-signin-done').waitFor();
        await page.getByTestId('aws-test-connection').click();
        await page.getByTestId('aws-identity').waitFor();
        await page.getByTestId('aws-use-profile').click();
        await page.getByTestId('aws-workspace-profile').waitFor();
        await page.getByTestId('aws-list-accounts').click();
        await page.getByTestId('aws-account-111122223333').getByRole('checkbox').check();
        await page.getByTestId('aws-save-accounts').click();
        await page.getByTestId('aws-selected-accounts').waitFor();
        // Tall enough for the whole screen, without the fixed header repeating in a full-page capture.
        await page.setViewportSize({ width: 1360, height: 1750 });
        await ctx.shot(app, 'aws');
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
