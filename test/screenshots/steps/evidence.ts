import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { seedDemoWorkspace } from '../../fixtures/demo-workspace';
import { applyEnvironment } from '../../fixtures/process-environment';
import { signedInAwsHomeEnvironment } from '../../fixtures/signed-in-aws-home';
import { playwrightCapture } from '../../../main/sandbox/playwright-capture';
import { startStandInConsole } from '../../../main/sandbox/stand-in-console/server';
import type { ScreenshotStep } from '../context';

/**
 * A guided capture on the stand-in console and an imported CSV: the control page with its
 * guided screenshots and evidence, the captured PNG itself (banner above the page), and the
 * evidence viewer with provenance.
 */
export const evidenceSteps: ScreenshotStep[] = [
  {
    name: 'evidence capture and viewer',
    async run(ctx) {
      const aws = await startAwsEndpoint({ scenario: 'basic' });
      const standIn = await startStandInConsole(aws);
      const restore = applyEnvironment(signedInAwsHomeEnvironment(ctx.tempDir('aw-shots-home-'), aws.url));
      const csv = join(ctx.tempDir('aw-shots-import-'), 'cloudtrail-trails.csv');
      writeFileSync(
        csv,
        'trail,home_region,multi_region,log_file_validation,kms_key,logging\nmanagement-events,eu-west-1,true,true,alias/cloudtrail,true\n',
      );
      try {
        const app = await ctx.launch({
          adapters: {
            capture: playwrightCapture(ctx.browser, { width: 1280, height: 800 }),
            pickFiles: async () => [csv],
          },
          services: { evidence: { captureEndpoints: { aws: { signin: standIn.url, console: standIn.url } } } },
        });
        await seedDemoWorkspace(app.services, join(ctx.tempDir('aw-shots-'), 'acme'));
        await app.services.awsWorkspace.setProfile('audit', 'eu-west-1');
        await app.page.reload();
        const { page } = app;
        await page.getByTestId('nav-controls').click();
        await page.getByTestId('control-row-logging-monitoring').click();
        await page.getByTestId('open-aws-shot.cloudtrail-trails').click();
        await page.getByTestId('capture-now').click();
        await page.getByTestId('capture-done').waitFor();
        await page.getByTestId('add-evidence').click();
        await page.getByTestId('import-choose').click();
        await page.getByTestId('import-pending').waitFor();
        await page.getByTestId('import-title').fill('CloudTrail trail settings export');
        await page.getByTestId('import-submit').click();
        await page.getByTestId('control-evidence-row').nth(1).waitFor();
        // Tall enough for the whole page, without the fixed header repeating in a full-page capture.
        await page.setViewportSize({ width: 1360, height: 2000 });
        await ctx.shot(app, 'control-guided-screenshots');
        await page.setViewportSize({ width: 1360, height: 1000 });

        const [captured] = await app.services.evidence.list({ kind: 'screenshot' });
        const png = join(ctx.outDir, 'evidence-capture.png');
        copyFileSync(app.services.workspaces.require().evidence.filePath(captured!.sha256), png);
        console.log(`wrote ${png}`);

        await page.getByTestId('nav-evidence').click();
        await page.getByTestId('evidence-row').filter({ hasText: 'CloudTrail trails' }).click();
        await page.getByTestId('evidence-image').waitFor();
        await ctx.shot(app, 'evidence-viewer');
        await page.getByTestId('evidence-row').filter({ hasText: 'settings export' }).click();
        await page.getByTestId('evidence-csv').waitFor();
        await ctx.shot(app, 'evidence-viewer-csv');
        await app.quit();
      } finally {
        restore();
        await standIn.close();
        await aws.close();
      }
    },
  },
];
