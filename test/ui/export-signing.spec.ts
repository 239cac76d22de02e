import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parsePublicKey } from '../../main/services/signing/public-key';
import { verifyBundle } from '../../main/services/export/verify';
import { makeKey, startAgent, tempKeyDir } from '../fixtures/ssh-keys';
import { expect, test } from './fixtures';

const DANA = { name: 'Dana Founder', email: 'dana@acme.example' };

test('the Export screen signs with an ssh-agent key and shows its fingerprint; an encrypted key file is refused with the way out', async ({
  launch,
  workspaceDir,
}) => {
  test.setTimeout(240_000);
  const keys = tempKeyDir();
  const agent = await startAgent(keys.dir);
  try {
    const dana = makeKey(keys.dir, 'id_ed25519', { comment: 'dana@acme.example' });
    const locked = makeKey(keys.dir, 'id_locked', { passphrase: 'never typed into the app' });
    agent.add(dana);
    const fingerprint = parsePublicKey(dana.publicKey)!.fingerprint;
    const app = await launch({
      services: { signing: { env: () => agent.env } },
      adapters: { pickSigningKey: async () => locked.path },
    });
    const { services, page } = app;
    await services.workspaces.create({
      folder: workspaceDir,
      companyName: 'Acme Analytics',
      systemName: 'Acme Cloud',
      asOfDate: '2026-12-31',
      categories: ['security'],
      me: DANA,
    });
    await page.reload();
    await page.getByTestId('nav-export').click();
    await page.getByTestId('preflight').waitFor();

    await page.getByTestId('export-sign-file').click();
    await page.getByTestId('export-sign-choose-file').click();
    await expect(
      page.getByText('id_locked is protected by a passphrase, which the app never asks for or stores.'),
    ).toBeVisible();
    await expect(page.getByText(`ssh-add ${locked.path}`)).toBeVisible();

    await page.getByTestId('export-sign-agent').click();
    await expect(page.getByTestId('export-sign-agent-key')).toHaveValue(`ED25519 ${fingerprint} (dana@acme.example)`);
    const out = join(dirname(workspaceDir), 'signed.zip');
    await page.getByTestId('export-path').fill(out);
    await page.getByTestId('export-start').click();
    await expect(page.getByTestId('export-signature')).toHaveText(
      `Signed as dana@acme.example with ED25519 key ${fingerprint}: tell the auditor this key fingerprint through a separate channel too.`,
      { timeout: 180_000 },
    );
    const report = await verifyBundle(out);
    expect(report.signature).toEqual({ principal: DANA.email, keyType: 'ED25519', fingerprint, verified: true });
    // The IPC never carried a private key: only public key lines crossed.
    const crossed = JSON.stringify(app.ipc);
    expect(crossed).not.toContain('PRIVATE KEY');
    expect(crossed).not.toContain(readFileSync(dana.path, 'utf8').split('\n')[1]);
    expect(existsSync(out)).toBe(true);

    await page.getByTestId('export-verify-result').click();
    await expect(page.getByTestId('verify-signature')).toHaveAttribute('data-verified', 'true');
    await expect(page.getByTestId('verify-signature')).toContainText(fingerprint);
  } finally {
    await agent.stop();
    keys.remove();
  }
});

test('an agent without keys is said plainly on the Export screen', async ({ launch, workspaceDir }) => {
  const keys = tempKeyDir();
  const agent = await startAgent(keys.dir);
  try {
    const app = await launch({ services: { signing: { env: () => agent.env } } });
    await app.services.workspaces.create({
      folder: workspaceDir,
      companyName: 'Acme Analytics',
      systemName: 'Acme Cloud',
      asOfDate: '2026-12-31',
      categories: ['security'],
      me: DANA,
    });
    await app.page.reload();
    await app.page.getByTestId('nav-export').click();
    await app.page.getByTestId('export-sign-agent').click();
    await expect(app.page.getByTestId('export-sign-agent-problem')).toHaveText(
      'ssh-agent holds no keys. Add yours with ssh-add, then look again.',
    );
  } finally {
    await agent.stop();
    keys.remove();
  }
});
