import { dirname, join } from 'node:path';
import { seedDemoWorkspace } from '../../fixtures/demo-workspace';
import { makeKey, startAgent } from '../../fixtures/ssh-keys';
import type { ScreenshotStep } from '../context';

/** The Export screen's signing option with an ssh-agent key, and the result naming the key fingerprint. */
export const exportSigningSteps: ScreenshotStep[] = [
  {
    name: 'export signing option',
    async run(ctx) {
      const keys = ctx.tempDir('aw-shots-keys-');
      const agent = await startAgent(keys);
      try {
        agent.add(makeKey(keys, 'id_ed25519', { comment: 'dana@acme.example' }));
        const app = await ctx.launch({ services: { signing: { env: () => agent.env } } });
        const folder = join(ctx.tempDir('aw-shots-'), 'acme');
        await seedDemoWorkspace(app.services, folder);
        await app.page.reload();
        const { page } = app;
        await page.getByTestId('nav-export').click();
        await page.getByTestId('preflight').waitFor();
        await page.getByTestId('export-sign-agent').click();
        await page.waitForFunction(() =>
          document
            .querySelector<HTMLInputElement>('input[data-testid="export-sign-agent-key"]')
            ?.value.startsWith('ED25519'),
        );
        await page.getByTestId('export-signing').scrollIntoViewIfNeeded();
        await ctx.shot(app, 'export-signing');
        await page.getByTestId('export-path').fill(join(dirname(folder), 'acme-signed.zip'));
        await page.getByTestId('export-start').click();
        await page.getByTestId('export-result').waitFor({ timeout: 120_000 });
        await page.getByTestId('export-signature').scrollIntoViewIfNeeded();
        await ctx.shot(app, 'export-signed-result');
        await app.quit();
      } finally {
        await agent.stop();
      }
    },
  },
];
