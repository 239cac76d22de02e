import { join } from 'node:path';
import { seedDemoWorkspace } from '../../fixtures/demo-workspace';
import type { ScreenshotStep } from '../context';

/** The dark theme (the OS's setting, or chosen in Settings), About, and the Settings card that holds both. */
export const appearanceSteps: ScreenshotStep[] = [
  {
    name: 'dark theme: dashboard, control page; settings appearance; about',
    async run(ctx) {
      const app = await ctx.launch();
      const { page } = app;
      await page.emulateMedia({ colorScheme: 'dark' });
      await seedDemoWorkspace(app.services, join(ctx.tempDir('aw-shots-'), 'acme'));
      await page.reload();
      await page.locator('[data-testid="dashboard"]').waitFor();
      await ctx.shot(app, 'dashboard-dark', { fullPage: true });
      await page.getByTestId('nav-controls').click();
      await page.getByTestId('control-row-iam-mfa-enforcement').click();
      await page.getByTestId('control-detail').waitFor();
      await ctx.shot(app, 'control-detail-dark', { fullPage: true });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.getByTestId('nav-settings').click();
      await page.getByTestId('theme').scrollIntoViewIfNeeded();
      await ctx.shot(app, 'settings-appearance', { fullPage: true });
      await page.getByTestId('open-about').click();
      await page.getByTestId('about-licenses').waitFor();
      await ctx.shot(app, 'about');
      await app.quit();
    },
  },
];
