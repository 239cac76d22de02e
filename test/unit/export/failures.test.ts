import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isProcessAlive } from '../../../main/services/workspace/lock';
import { mountTmpfs } from '../helpers/tmpfs';
import { addLargeDocuments, scenarioWorkspace } from './scenario';

/** Everything in a folder with its hash, to prove a failed export touched nothing. */
function snapshotTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[path.slice(root.length)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(root);
  return out;
}

const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.zip') || f.endsWith('.partial'));

function tamper(path: string) {
  chmodSync(path, 0o644);
  const bytes = readFileSync(path);
  bytes.writeUInt8(bytes.readUInt8(bytes.length - 2) ^ 0xff, bytes.length - 2);
  writeFileSync(path, bytes);
}

describe('export refuses and leaves nothing behind', () => {
  it('stops at an evidence file altered after capture, names it, and leaves no file under the final name', async () => {
    const s = await scenarioWorkspace();
    const snapshot = s.records.find((r) => r.kind === 'api_snapshot')!;
    tamper(s.services.workspaces.require().evidence.filePath(snapshot.sha256));
    const before = snapshotTree(s.folder);
    const out = join(dirname(s.folder), 'bundle.zip');
    const error = await s.services.exports.run({ outPath: out }).catch((e) => e);
    expect(error.code).toBe('EVIDENCE_TAMPERED');
    expect(error.message).toContain(snapshot.id);
    expect(error.message).toContain('IAM credential report');
    expect(existsSync(out)).toBe(false);
    expect(leftovers(dirname(out))).toEqual([]);
    expect(snapshotTree(s.folder)).toEqual(before);
    // The pre-flight already showed it, and said the export cannot go ahead.
    const pre = await s.services.exports.preflight({});
    expect(pre.canExport).toBe(false);
    expect(pre.integrityProblems).toEqual([expect.objectContaining({ id: snapshot.id, problem: 'tampered' })]);
    await s.services.workspaces.close();
  });

  it('names a file that grew after capture too (a different size, not only different bytes)', async () => {
    const s = await scenarioWorkspace();
    const snapshot = s.records.find((r) => r.kind === 'api_snapshot')!;
    const path = s.services.workspaces.require().evidence.filePath(snapshot.sha256);
    chmodSync(path, 0o644);
    writeFileSync(path, `${readFileSync(path, 'utf8')}\n{"added":"later"}\n`);
    const out = join(dirname(s.folder), 'bundle.zip');
    const error = await s.services.exports.run({ outPath: out }).catch((e) => e);
    expect(error.code).toBe('EVIDENCE_TAMPERED');
    expect(error.message).toContain(snapshot.id);
    expect(leftovers(dirname(out))).toEqual([]);
    await s.services.workspaces.close();
  });

  it('stops at a screenshot deleted from the workspace', async () => {
    const s = await scenarioWorkspace();
    const shot = s.records.find((r) => r.kind === 'screenshot')!;
    const { rmSync } = await import('node:fs');
    rmSync(s.services.workspaces.require().evidence.filePath(shot.sha256));
    const out = join(dirname(s.folder), 'bundle.zip');
    const error = await s.services.exports.run({ outPath: out }).catch((e) => e);
    expect(error.code).toBe('EVIDENCE_MISSING');
    expect(error.message).toContain(shot.id);
    expect(leftovers(dirname(out))).toEqual([]);
    await s.services.workspaces.close();
  });

  it('cancel stops a running export and removes the partial file', async () => {
    const s = await scenarioWorkspace();
    const ws = s.services.workspaces.require();
    await addLargeDocuments(ws.evidence, 12, 8, () => randomBytes(8 * 1024 * 1024));
    const out = join(dirname(s.folder), 'bundle.zip');
    const running = s.services.exports.run({ outPath: out }).catch((e) => e);
    await expect
      .poll(() => s.events.some((e) => (e.payload as { step?: string }).step === 'evidence'), {
        interval: 5,
        timeout: 20_000,
      })
      .toBe(true);
    expect(s.services.exports.cancel()).toEqual({ cancelled: true });
    const error = await running;
    expect(error.code).toBe('CANCELLED');
    expect(existsSync(out)).toBe(false);
    expect(leftovers(dirname(out))).toEqual([]);
    await s.services.workspaces.close();
  });

  it('closing the workspace cancels a running export and waits for it: nothing is left behind', async () => {
    const s = await scenarioWorkspace();
    await addLargeDocuments(s.services.workspaces.require().evidence, 12, 8, () => randomBytes(8 * 1024 * 1024));
    const out = join(dirname(s.folder), 'closing.zip');
    const running = s.services.exports.run({ outPath: out }).catch((e) => e);
    await expect
      .poll(() => s.events.some((e) => (e.payload as { step?: string }).step === 'evidence'), {
        interval: 5,
        timeout: 20_000,
      })
      .toBe(true);
    await s.services.workspaces.close();
    // By the time close returns the export has stopped and cleaned up.
    expect(leftovers(dirname(out))).toEqual([]);
    expect(existsSync(out)).toBe(false);
    expect((await running).code).toBe('CANCELLED');
  });

  it('a full disk fails the export with a clear message and leaves no file', async (ctx) => {
    const fs = mountTmpfs(64);
    if ('error' in fs) return ctx.skip(fs.error);
    try {
      const s = await scenarioWorkspace();
      const out = join(fs.dir, 'bundle.zip');
      const error = await s.services.exports.run({ outPath: out }).catch((e) => e);
      expect(error.code).toBe('EXPORT_FAILED');
      expect(error.message).toContain('is full');
      expect(readdirSync(fs.dir)).toEqual([]);
      await s.services.workspaces.close();
    } finally {
      fs.unmount();
    }
  });
});

describe('the export command', () => {
  const root = resolve(__dirname, '../../..');
  /**
   * Node itself runs the CLI (tsx only as a loader), so the pid we signal is the process that
   * writes the ZIP; the `.bin/tsx` wrapper would relay a SIGTERM but die alone on a SIGKILL.
   */
  const exportCli = (workspace: string, out: string) =>
    spawn(process.execPath, ['--import', 'tsx', 'main/cli.ts', 'export', '--workspace', workspace, '--out', out], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  async function bigWorkspace() {
    const s = await scenarioWorkspace();
    const ws = s.services.workspaces.require();
    await addLargeDocuments(ws.evidence, 40, 8, () => randomBytes(8 * 1024 * 1024));
    await s.services.workspaces.close();
    return s;
  }

  /** Starts the CLI and sends `signal` as soon as the partial ZIP appears beside the target. */
  function exportAndInterrupt(workspace: string, out: string, signal: NodeJS.Signals) {
    const child = exportCli(workspace, out);
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    let sawPartial = false;
    const timer = setInterval(() => {
      if (readdirSync(dirname(out)).some((f) => f.endsWith('.partial'))) {
        sawPartial = true;
        clearInterval(timer);
        child.kill(signal);
      }
    }, 5);
    return new Promise<{
      pid: number;
      code: number | null;
      signal: NodeJS.Signals | null;
      sawPartial: boolean;
      stderr: string;
    }>((done) =>
      child.on('exit', (code, sig) => {
        clearInterval(timer);
        done({ pid: child.pid!, code, signal: sig, sawPartial, stderr });
      }),
    );
  }

  it('killed mid-way (SIGKILL) leaves no file under the final name', async () => {
    const s = await bigWorkspace();
    const out = join(dirname(s.folder), 'killed.zip');
    const result = await exportAndInterrupt(s.folder, out, 'SIGKILL');
    expect(result.sawPartial).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    // The killed process is the one writing the ZIP (its pid names the partial file), and it is gone.
    expect(isProcessAlive(result.pid)).toBe(false);
    const [partial] = leftovers(dirname(out));
    expect(partial).toMatch(new RegExp(`^\\.killed\\.zip\\.${result.pid}-[0-9a-f]+\\.partial$`));
    // Nothing finishes the export behind our back: after a while still no bundle, the partial file stays.
    await new Promise((done) => setTimeout(done, 3_000));
    expect(existsSync(out)).toBe(false);
    expect(leftovers(dirname(out))).toEqual([partial]);
    // The next export to the same name clears what the killed one left, and succeeds.
    const again = exportCli(s.folder, out);
    let stdout = '';
    again.stdout!.on('data', (c) => (stdout += c));
    again.stderr!.resume();
    expect(await new Promise((done) => again.on('exit', done))).toBe(0);
    expect(leftovers(dirname(out))).toEqual(['killed.zip']);
    expect(stdout).toMatch(/Bundle seal \(SHA-256 of SHA256SUMS\): [0-9a-f]{64}/);
  }, 60_000);

  it("killed while index.pdf is laid out leaves its parts beside the target, never in the system's temp folder; the next export removes them", async () => {
    const s = await scenarioWorkspace();
    await s.services.workspaces.close();
    const out = join(dirname(s.folder), 'killed-pdf.zip');
    const pdfTemps = () => readdirSync(tmpdir()).filter((n) => n.startsWith('aw-index-pdf-'));
    const tempsBefore = pdfTemps();
    const child = exportCli(s.folder, out);
    child.stderr!.resume();
    child.stdout!.resume();
    const partsDir = await new Promise<string | null>((done) => {
      const started = Date.now();
      const timer = setInterval(() => {
        const found = readdirSync(dirname(out)).find((f) => f.endsWith('.pdf-parts'));
        if (found || Date.now() - started > 45_000) {
          clearInterval(timer);
          child.kill('SIGKILL');
          done(found ?? null);
        }
      }, 2);
    });
    await new Promise((done) => child.on('exit', done));
    expect(partsDir).toMatch(new RegExp(`^\\.killed-pdf\\.zip\\.${child.pid}-[0-9a-f]{12}\\.pdf-parts$`));
    expect(pdfTemps()).toEqual(tempsBefore);
    const again = exportCli(s.folder, out);
    again.stdout!.resume();
    again.stderr!.resume();
    expect(await new Promise((done) => again.on('exit', done))).toBe(0);
    expect(readdirSync(dirname(out)).filter((f) => f.startsWith('.killed-pdf.zip.'))).toEqual([]);
  }, 90_000);

  it('interrupted (SIGTERM) removes its partial file and exits 130', async () => {
    const s = await bigWorkspace();
    const out = join(dirname(s.folder), 'interrupted.zip');
    const result = await exportAndInterrupt(s.folder, out, 'SIGTERM');
    expect(result.sawPartial).toBe(true);
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('CANCELLED');
    expect(leftovers(dirname(out))).toEqual([]);
  }, 60_000);
});
