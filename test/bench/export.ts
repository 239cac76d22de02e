/**
 * Export at scale: 2,000 evidence files (~1 GB: random-pixel PNG screenshots and JSON API
 * snapshots) over 150 controls. Prints the export's wall time against `zip -q -r -1` plus
 * `sha256sum` over the same files, the export process's peak RSS, and the time to build
 * index.pdf with 3,000 evidence rows. Not part of `npm test`.
 *
 * Run: `npx tsx test/bench/export.ts` (BENCH_KEEP=1 keeps the temp folders; BENCH_PDF_ONLY=1 times
 * only index.pdf, in this process; BENCH_GEN_ONLY=1 only generates the workspace and prints its path).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EvidenceRecord } from '../../shared/domain/evidence';
import { WorkspaceMeta } from '../../shared/domain/workspace';
import { buildModel, resolveOptions } from '../../main/services/export/bundle-model';
import { renderPdf } from '../../main/services/export/pdf/render';
import { testServices } from '../unit/helpers/services';
import { benchCatalog, randomPng, snapshotJson } from './export-fixture';

const FILES = 2_000;
const PNG_SIZE = { width: 600, height: 500 }; // ~900 KB each
const JSON_BYTES = 100_000;
const PDF_ROWS = 3_000;
const ME = { name: 'Bench Person', email: 'bench@example.com' };
const ROOT = resolve(__dirname, '../..');

async function makeWorkspace(dir: string) {
  const { services } = testServices();
  const folder = join(dir, 'workspace');
  await services.workspaces.create({ folder, companyName: 'Bench Co', systemName: 'Bench Platform', asOfDate: '2026-12-31', categories: ['security', 'availability', 'confidentiality', 'processing_integrity', 'privacy'], me: ME });
  const ws = services.workspaces.require();
  const controls = benchCatalog().map((c) => c.id);
  let bytes = 0;
  for (let i = 0; i < FILES; i++) {
    const png = i % 2 === 0;
    const content = png ? randomPng(PNG_SIZE.width, PNG_SIZE.height) : snapshotJson(i, JSON_BYTES);
    bytes += Buffer.byteLength(content);
    await ws.evidence.addBytes(content, {
      title: png ? `Console capture ${i}` : `API snapshot ${i}`,
      kind: png ? 'screenshot' : 'api_snapshot',
      mediaType: png ? 'image/png' : 'application/json',
      fileName: png ? `console-capture-${i}.png` : `api-snapshot-${i}.json`,
      controlIds: [controls[i % controls.length]!],
      source: png ? { type: 'console_capture', url: `https://console.aws.amazon.com/iam/home#/page-${i}`, windowSize: { width: 1280, height: 800 } } : { type: 'aws_api', calls: [{ service: 'iam', operation: 'ListUsers', requestId: `req-${i}`, at: '2026-12-20T10:00:00.000Z' }] },
      capturedAt: new Date(Date.UTC(2026, 11, 1) + i * 60_000).toISOString(),
      effectiveDate: '2026-12-01',
      capturedBy: ME,
    });
  }
  await services.workspaces.close();
  return { folder, bytes };
}

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const value = fn();
  return [value, performance.now() - t];
}

function runChild(args: string[]): Promise<{ stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn('/usr/bin/time', ['-v', process.execPath, '--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (code) => (code === 0 ? done({ stdout, stderr, ms: performance.now() - started }) : fail(new Error(`export child failed (${code}): ${stderr.slice(-2000)}`))));
  });
}

async function pdfBenchmark(): Promise<{ ms: number; pages: number; bytes: number }> {
  const records: EvidenceRecord[] = Array.from({ length: PDF_ROWS }, (_, i) => ({
    schemaVersion: 1,
    id: `ev_bench${i.toString(36).padStart(6, '0')}`,
    title: `Evidence item ${i}: IAM users with MFA and access key age`,
    kind: i % 2 ? 'api_snapshot' : 'document',
    mediaType: 'application/json',
    fileName: `evidence-item-${i}.json`,
    sha256: (i.toString(16).padStart(8, '0') + 'ab'.repeat(28)).slice(0, 64),
    size: 1000 + i,
    controlIds: [benchCatalog()[i % 150]!.id],
    source: { type: 'import', originalName: `item-${i}.json` },
    capturedAt: new Date(Date.UTC(2026, 11, 1) + i * 60_000).toISOString(),
    effectiveDate: '2026-12-01',
    capturedBy: ME,
    appVersion: 'bench',
  }));
  const meta = { schemaVersion: 2, id: 'bench-workspace', companyName: 'Bench Co', systemName: 'Bench Platform', auditType: 'SOC2_TYPE1', asOfDate: '2026-12-31', categories: ['security', 'availability', 'confidentiality', 'processing_integrity', 'privacy'], createdAt: '2026-01-01T00:00:00.000Z', createdBy: ME, checkSettings: { passwordMinLength: 14, passwordReusePrevention: 24, accessKeyMaxAgeDays: 90, unusedCredentialDays: 90, rootRecentUseDays: 90 }, aws: { accountIds: [] } };
  const source = {
    root: '/nonexistent',
    meta: WorkspaceMeta.parse(meta),
    team: { schemaVersion: 1 as const, members: [] },
    controls: { schemaVersion: 1 as const, controls: {} },
    evidence: { list: async () => records, filePath: () => '/nonexistent', verify: async () => 'ok' as const },
    catalog: benchCatalog(),
  };
  const started = performance.now();
  const model = await buildModel(source, resolveOptions(source.meta, {}), { preparedBy: ME, generatedAt: new Date().toISOString(), appVersion: 'bench' });
  const pdf = await renderPdf({ model, findings: new Map(), thumbnails: new Map(), fingerprint: 'f'.repeat(64) });
  const ms = performance.now() - started;
  const pages = Number(/\/Type \/Pages[\s\S]*?\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1] ?? 0);
  return { ms, pages, bytes: pdf.length };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'aw-bench-export-'));
  try {
    console.log(`Generating ${FILES} evidence files over ${benchCatalog().length} controls…`);
    const [made, genMs] = await (async () => {
      const t = performance.now();
      const r = await makeWorkspace(dir);
      return [r, performance.now() - t] as const;
    })();
    console.log(`  ${(made.bytes / 1024 ** 3).toFixed(2)} GB of evidence in ${(genMs / 1000).toFixed(1)} s`);

    const files = join(made.folder, 'evidence', 'files');
    const [, zipMs] = time(() => execFileSync('zip', ['-q', '-r', '-1', join(dir, 'baseline.zip'), 'files'], { cwd: join(made.folder, 'evidence') }));
    const [, sumMs] = time(() => execFileSync('sh', ['-c', `sha256sum ${files}/* > /dev/null`]));
    const baselineMs = zipMs + sumMs;
    console.log(`Baseline: zip -q -r -1 ${(zipMs / 1000).toFixed(1)} s + sha256sum ${(sumMs / 1000).toFixed(1)} s = ${(baselineMs / 1000).toFixed(1)} s (zip ${(statSync(join(dir, 'baseline.zip')).size / 1024 ** 2).toFixed(0)} MB)`);

    const out = join(dir, 'bundle.zip');
    const child = await runChild([join(ROOT, 'test/bench/export-child.ts'), made.folder, out]);
    const result = JSON.parse(child.stdout.trim().split('\n').pop()!) as { durationMs: number; steps: Record<string, number>; maxRssMB: number; zipBytes: number };
    const timeRss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(child.stderr)?.[1] ?? 0) / 1024;
    console.log(`Export: ${(result.durationMs / 1000).toFixed(1)} s inside the process (${(child.ms / 1000).toFixed(1)} s with Node start-up), bundle ${(result.zipBytes / 1024 ** 2).toFixed(0)} MB`);
    console.log(`  steps started at (ms): ${JSON.stringify(result.steps)}`);
    console.log(`  ratio to baseline: ${(result.durationMs / baselineMs).toFixed(2)}x (target <= 1.5x); with start-up ${(child.ms / baselineMs).toFixed(2)}x`);
    console.log(`  peak RSS of the export process: ${result.maxRssMB} MB (process.resourceUsage; target < 300 MB)`);
    console.log(`  peak RSS of the largest process in its tree, i.e. the short-lived index.pdf builder: ${timeRss.toFixed(0)} MB (/usr/bin/time -v)`);

    const pdf = await pdfBenchmark();
    console.log(`index.pdf with ${PDF_ROWS} evidence rows and 150 controls: ${(pdf.ms / 1000).toFixed(1)} s, ${pdf.pages} pages, ${(pdf.bytes / 1024 ** 2).toFixed(1)} MB (target < 10 s)`);
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

if (process.env.BENCH_PDF_ONLY) void pdfBenchmark().then((r) => console.log(r, "maxRSS MB", process.resourceUsage().maxRSS / 1024));
else if (process.env.BENCH_GEN_ONLY) void makeWorkspace(mkdtempSync(join(tmpdir(), "aw-bench-export-"))).then((r) => console.log(r.folder));
else void main();
