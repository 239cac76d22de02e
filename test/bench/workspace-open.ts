/**
 * How long a large workspace takes to open: 150 control states and 5,000 activity entries.
 * Prints the service-level open, the activity read, and the time until the dashboard is
 * drawn in Chromium through the UI harness. Run: `npm run build && npx tsx test/bench/workspace-open.ts`.
 */
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { CONTROLS } from '../../shared/catalog';
import { launchApp } from '../ui/harness/app';
import { buildBridge } from '../ui/harness/bridge-bundle';
import { CHROMIUM_ARGS, chromiumExecutable } from '../ui/harness/chromium';
import { serveRenderer } from '../ui/harness/static-server';
import { testServices } from '../unit/helpers/services';

const CONTROL_COUNT = 150;
const ACTIVITY_COUNT = 5_000;

async function makeWorkspace(): Promise<{ folder: string; userDataDir: string }> {
  const { services, userDataDir } = testServices();
  const folder = join(mkdtempSync(join(tmpdir(), 'aw-bench-')), 'ws');
  await services.workspaces.create({
    folder,
    companyName: 'Bench Co',
    systemName: 'Bench',
    asOfDate: '2026-12-31',
    categories: ['security', 'availability', 'confidentiality', 'processing_integrity', 'privacy'],
    me: { name: 'Bench', email: 'bench@example.com' },
  });
  await services.workspaces.close();
  // Catalog controls plus custom ones up to 150, as a company with its own controls would have.
  const ids = [
    ...CONTROLS.map((c) => c.id),
    ...Array.from({ length: CONTROL_COUNT - CONTROLS.length }, (_, i) => `custom-control-${i + 1}`),
  ];
  const controls = Object.fromEntries(
    ids.map((id, i) => [
      id,
      {
        ownerId: null,
        status: ['not_started', 'in_progress', 'ready_for_review', 'accepted'][i % 4],
        notes: `Notes for ${id}. `.repeat(10),
        exclusions: [],
        updatedAt: new Date().toISOString(),
        updatedBy: 'bench@example.com',
      },
    ]),
  );
  writeFileSync(join(folder, 'controls.json'), JSON.stringify({ schemaVersion: 1, controls }, null, 2));
  const lines: string[] = [];
  for (let i = 0; i < ACTIVITY_COUNT; i++) {
    lines.push(
      JSON.stringify({
        at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
        actor: { name: 'Bench', email: 'bench@example.com' },
        action: 'control.status-set',
        target: `control:${ids[i % ids.length]}`,
        summary: `Set ${ids[i % ids.length]} to "In progress"`,
      }),
    );
  }
  appendFileSync(join(folder, 'activity.jsonl'), `${lines.join('\n')}\n`);
  return { folder, userDataDir };
}

async function main() {
  const { folder, userDataDir } = await makeWorkspace();
  const sizes = {
    controlsJson: readFileSync(join(folder, 'controls.json')).length,
    activity: readFileSync(join(folder, 'activity.jsonl')).length,
  };

  const runs: { open: number; activity: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const { services } = testServices({ userDataDir });
    const t0 = performance.now();
    await services.workspaces.open(folder);
    const t1 = performance.now();
    const { entries } = await services.workspaces.require().activity.read({ limit: 200 });
    const t2 = performance.now();
    if (entries.length !== 200) throw new Error('activity read returned the wrong count');
    runs.push({ open: t1 - t0, activity: t2 - t1 });
    await services.workspaces.close();
  }

  await buildBridge();
  const server = await serveRenderer();
  const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
  const app = await launchApp(browser, server.url, { userDataDir });
  const t0 = performance.now();
  await app.page.getByTestId('recent-workspace').getByRole('button', { name: 'Open' }).click();
  await app.page.getByTestId('group-chart').waitFor();
  const uiOpen = performance.now() - t0;
  await app.quit();
  await browser.close();
  await server.close();

  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(
    `workspace: ${CONTROL_COUNT} control states (${(sizes.controlsJson / 1024).toFixed(0)} KiB), ${ACTIVITY_COUNT} activity entries (${(sizes.activity / 1024).toFixed(0)} KiB)`,
  );
  console.log(`open (load, validate, lock), median of 5: ${median(runs.map((r) => r.open)).toFixed(1)} ms`);
  console.log(`latest 200 activity entries, median of 5: ${median(runs.map((r) => r.activity)).toFixed(1)} ms`);
  console.log(`UI: click Open -> dashboard drawn in Chromium: ${uiOpen.toFixed(0)} ms`);
}

void main();
