import { chmodSync, mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAwsEndpoint, type AwsEndpoint } from '../../main/sandbox/aws-endpoint';
import { playwrightCapture } from '../../main/sandbox/playwright-capture';
import { startStandInConsole, type StandInConsole } from '../../main/sandbox/stand-in-console/server';
import { applyEnvironment } from '../fixtures/process-environment';
import { leakedSecrets } from '../fixtures/secret-scan';
import { signedInAwsHomeEnvironment } from '../fixtures/signed-in-aws-home';
import { expect, test } from './fixtures';
import { createWorkspaceInUi } from './helpers';

let aws: AwsEndpoint;
let standIn: StandInConsole;
let restoreEnvironment: () => void;

test.beforeAll(async () => {
  aws = await startAwsEndpoint({ scenario: 'basic' });
  standIn = await startStandInConsole(aws);
  restoreEnvironment = applyEnvironment(
    signedInAwsHomeEnvironment(mkdtempSync(join(tmpdir(), 'aw-capture-home-')), aws.url),
  );
});

test.afterAll(async () => {
  restoreEnvironment();
  await standIn.close();
  await aws.close();
});

test('a guided capture on the stand-in console and an imported file show on the control page and in the evidence viewer', async ({
  browser,
  launch,
  workspaceDir,
}) => {
  const capture = playwrightCapture(browser);
  const csv = join(mkdtempSync(join(tmpdir(), 'aw-import-')), 'trail-status.csv');
  writeFileSync(csv, 'trail,multi_region,logging\nmanagement-events,true,true\n');
  const app = await launch({
    adapters: { capture, pickFiles: async () => [csv] },
    services: {
      aws: { clientSettings: { maxAttempts: 1 } },
      evidence: { captureEndpoints: { aws: { signin: standIn.url, console: standIn.url } } },
    },
  });
  const { page } = app;
  await createWorkspaceInUi(page, workspaceDir);
  await app.services.awsWorkspace.setProfile('audit', 'eu-west-1');

  await page.getByTestId('nav-controls').click();
  await page.getByTestId('control-row-logging-monitoring').click();
  const request = page.getByTestId('shot-request-shot.cloudtrail-trails');
  await expect(request).toContainText('multi-region trail');
  await expect(request.getByTestId('deep-link')).toHaveText(`${standIn.url}/cloudtrail/home?region=eu-west-1#/trails`);

  // Open in AWS console: the federation sign-in lands the capture window on the page, signed in.
  await request.getByTestId('open-aws-shot.cloudtrail-trails').click();
  const windowRow = page.getByTestId('capture-window');
  await expect(windowRow).toContainText('111122223333 (example-prod)');
  const consolePage = [...capture.pages.values()][0]!;
  await expect(consolePage.getByTestId('console-identity')).toContainText('AWSReservedSSO_AuditRole');
  expect(standIn.logins).toBe(1);

  await windowRow.getByTestId('capture-now').click();
  await expect(windowRow.getByTestId('capture-done')).toContainText('cloudtrail-trails-');
  const rows = page.getByTestId('control-evidence-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('CloudTrail trails');
  await expect(rows.first().getByTestId('integrity')).toHaveText('Matches its hash');

  // Import by file picker.
  await page.getByTestId('add-evidence').click();
  await page.getByTestId('import-choose').click();
  await expect(page.getByTestId('import-pending')).toContainText('trail-status.csv');
  await page.getByTestId('import-title').fill('Trail status export');
  await page.getByTestId('import-submit').click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('control-evidence')).toContainText('Trail status export');
  await expect(page.getByTestId('control-evidence')).toContainText('Imported');

  // The capture in the viewer: the full page (taller than the window), zoom, provenance.
  await rows.filter({ hasText: 'CloudTrail trails' }).getByRole('button', { name: 'CloudTrail trails' }).click();
  await expect(page.getByTestId('evidence-screen')).toBeVisible();
  // The open capture window can be captured from here too.
  await expect(page.getByTestId('evidence-screen').getByTestId('capture-window')).toContainText('CloudTrail trails');
  const image = page.getByTestId('evidence-image');
  await expect(image).toBeVisible();
  expect(await image.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBeGreaterThan(1500);
  await page.getByTestId('zoom-in').click();
  await expect(page.getByTestId('zoom-level')).toHaveText('150%');
  const provenance = page.getByTestId('provenance');
  await expect(provenance.getByTestId('provenance-where')).toContainText(
    `${standIn.url}/cloudtrail/home?region=eu-west-1#/trails`,
  );
  await expect(provenance).toContainText('Dana Founder');
  await expect(provenance).toContainText('example-prod');
  await expect(provenance).toContainText('The file matches this hash');

  // The imported CSV in the table viewer.
  await page.getByTestId('evidence-row').filter({ hasText: 'Trail status export' }).click();
  await expect(page.getByTestId('evidence-csv')).toContainText('management-events');
  await expect(page.getByTestId('provenance-where')).toContainText('Imported file "trail-status.csv" (file picker)');

  // Changed behind the app's back: shown as tampered, never shown as if it were fine.
  const [imported] = await app.services.evidence.list({ kind: 'document' });
  const stored = app.services.workspaces.require().evidence.filePath(imported!.sha256);
  chmodSync(stored, 0o644);
  writeFileSync(stored, 'trail,multi_region,logging\nmanagement-events,false,false\n');
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('nav-evidence').click();
  await expect(page.getByTestId('evidence-problems')).toHaveText('1 file(s) changed or missing');
  await page.getByTestId('evidence-search').fill('trail-status');
  await expect(page.getByTestId('evidence-row')).toHaveCount(1);
  await page.getByTestId('evidence-row').filter({ hasText: 'Trail status export' }).click();
  await expect(page.getByTestId('provenance').getByTestId('integrity')).toHaveText('Tampered');
  await expect(page.getByTestId('evidence-detail').getByTestId('error-notice')).toHaveAttribute(
    'data-error-code',
    'EVIDENCE_TAMPERED',
  );

  // A file that cannot be read (a folder in its place) is shown as not checked on its own row; the rest of the library still lists.
  const [shot] = await app.services.evidence.list({ kind: 'screenshot' });
  const shotPath = app.services.workspaces.require().evidence.filePath(shot!.sha256);
  renameSync(shotPath, `${shotPath}.aside`);
  mkdirSync(shotPath);
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('nav-evidence').click();
  await expect(page.getByTestId('evidence-row')).toHaveCount(2);
  await page.getByTestId('evidence-row').filter({ hasText: shot!.title }).click();
  await expect(page.getByTestId('provenance').getByTestId('integrity')).toHaveText('Not checked');
  await expect(page.getByTestId('provenance')).toContainText(
    'The file could not be read, so it was not checked (EISDIR)',
  );
  await expect(page.getByTestId('evidence-detail').getByTestId('error-notice')).toHaveAttribute(
    'data-error-code',
    'EVIDENCE_UNREADABLE',
  );

  // The sign-in crossed no secret to the renderer: no keys, session tokens or sign-in tokens in IPC.
  const secrets = [...aws.secrets(), ...standIn.issuedTokens].filter((s) => s.length > 8);
  expect(leakedSecrets(secrets, [['IPC', JSON.stringify(app.ipc)]])).toEqual([]);
});

test('an imported file that is not what its name says is refused with the reason, and nothing is added', async ({
  launch,
  workspaceDir,
}) => {
  const fake = join(mkdtempSync(join(tmpdir(), 'aw-import-')), 'policy.pdf');
  writeFileSync(fake, 'this is not a pdf');
  const app = await launch({ adapters: { pickFiles: async () => [fake] } });
  await createWorkspaceInUi(app.page, workspaceDir);
  const { page } = app;
  await page.getByTestId('nav-controls').click();
  await page.getByTestId('control-row-logging-monitoring').click();
  await page.getByTestId('add-evidence').click();
  await page.getByTestId('import-choose').click();
  await page.getByTestId('import-title').fill('Logging policy');
  await page.getByTestId('import-submit').click();
  const notice = page.getByTestId('import-panel').getByTestId('error-notice');
  await expect(notice).toContainText(
    'policy.pdf was not imported: its name says a PDF document, but its content is text.',
  );
  await expect(page.getByTestId('control-evidence-row')).toHaveCount(0);
  expect(await app.services.evidence.list()).toEqual([]);
});

test('a web tool capture, an image pasted from the clipboard and a file dropped on the panel, and a refused console sign-in that opens no window', async ({
  browser,
  launch,
  workspaceDir,
}) => {
  const capture = playwrightCapture(browser);
  const app = await launch({
    adapters: { capture },
    services: {
      aws: { clientSettings: { maxAttempts: 1 } },
      evidence: {
        captureEndpoints: { aws: { signin: standIn.url, console: standIn.url } },
        insecureWebOrigins: [standIn.url],
      },
    },
  });
  const { page } = app;
  await createWorkspaceInUi(page, workspaceDir);

  // A web tool in its own window: the banner has no AWS fields.
  await page.getByTestId('nav-controls').click();
  await page.getByTestId('control-row-change-management').click();
  await page.getByTestId('web-url-shot.github-branch-protection').fill(`${standIn.url}/tool/acme/settings/branches`);
  await page.getByTestId('open-web-shot.github-branch-protection').click();
  await expect(page.getByTestId('capture-window')).toContainText('Web tool window');
  await page.getByTestId('capture-now').click();
  await expect(page.getByTestId('control-evidence-row')).toHaveCount(1);
  const [web] = await app.services.evidence.list();
  expect(web).toMatchObject({
    source: { type: 'web_capture', url: `${standIn.url}/tool/acme/settings/branches` },
    meta: { tool: 'Source control (GitHub, GitLab, Bitbucket)' },
  });
  expect(web!.aws).toBeUndefined();

  await page.getByTestId('nav-controls').click();
  await page.getByTestId('control-row-logging-monitoring').click();

  // A static-keys profile cannot open a console session: the reason and the fix, and no new window.
  await app.services.awsWorkspace.setProfile('keys', 'us-east-1');
  const request = page.getByTestId('shot-request-shot.cloudtrail-trails');
  await request.getByTestId('open-aws-shot.cloudtrail-trails').click();
  await expect(request.getByTestId('error-notice')).toHaveAttribute('data-error-code', 'SIGNIN_REFUSED');
  await expect(request.getByTestId('error-notice')).toContainText('temporary credentials');
  expect(capture.pages.size).toBe(1);
  await expect(page.getByTestId('capture-window')).toHaveCount(1);

  await page.getByTestId('add-evidence').click();
  const png = (await app.page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 40;
    canvas.height = 20;
    canvas.getContext('2d')!.fillRect(0, 0, 40, 20);
    return canvas.toDataURL('image/png');
  })) as string;
  await page.getByTestId('import-panel').evaluate((panel, dataUrl) => {
    const bytes = Uint8Array.from(atob(dataUrl.split(',')[1]!), (c) => c.charCodeAt(0));
    const clipboard = new DataTransfer();
    clipboard.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    // Pasted with nothing focused: the panel takes images pasted anywhere while it is open.
    document.body.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: clipboard, bubbles: true, cancelable: true }),
    );
    const dropped = new DataTransfer();
    dropped.items.add(
      new File(['{"Trails":[{"Name":"management-events","IsMultiRegionTrail":true}]}'], 'describe-trails.json', {
        type: 'application/json',
      }),
    );
    panel
      .querySelector('[data-testid="drop-zone"]')!
      .dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
  }, png);
  await expect(page.getByTestId('import-pending')).toHaveCount(2);
  await expect(page.getByTestId('import-pending').first()).toContainText(/pasted-image-.*\.png/);
  await page.getByTestId('import-title').fill('Trail evidence');
  await page.getByTestId('import-submit').click();
  await expect(page.getByTestId('control-evidence-row')).toHaveCount(2);

  const items = await app.services.evidence.list({ controlId: 'logging-monitoring' });
  expect(items.map((i) => i.meta?.importedVia).sort()).toEqual(['clipboard paste', 'drag and drop']);
  expect(items.find((i) => i.mediaType === 'image/png')!.source).toMatchObject({
    type: 'import',
    originalName: expect.stringMatching(/^pasted-image-/),
  });

  // The JSON viewer shows the dropped API answer, pretty-printed.
  await page
    .getByTestId('control-evidence-row')
    .filter({ hasText: 'describe-trails.json' })
    .getByRole('button')
    .first()
    .click();
  await expect(page.getByTestId('evidence-text')).toContainText('"IsMultiRegionTrail": true');

  // Nothing secret crossed IPC: no keys, session tokens or sign-in tokens.
  const secrets = [...aws.secrets(), ...standIn.issuedTokens].filter((s) => s.length > 8);
  expect(leakedSecrets(secrets, [['IPC', JSON.stringify(app.ipc)]])).toEqual([]);
});
