/**
 * The export as its own process, so the benchmark can read its peak memory. Prints one JSON
 * line: {durationMs, maxRssMB, fingerprint, zipBytes}.
 */
import { SignOffKeys } from '../../main/services/reviews/sign-off-keys';
import { SshSigning } from '../../main/services/signing/ssh-signing';
import { readOnlyWorkspace } from '../../main/cli/export';
import { resolveOptions } from '../../main/services/export/bundle-model';
import { exportBundle } from '../../main/services/export/export-bundle';
import { benchCatalog } from './export-fixture';

async function main() {
  const [workspace, out] = process.argv.slice(2) as [string, string];
  const source = { ...(await readOnlyWorkspace(workspace)), catalog: benchCatalog() };
  const steps: Record<string, number> = {};
  const started = Date.now();
  const result = await exportBundle(source, {
    signOffKeys: new SignOffKeys(new SshSigning()),
    outPath: out,
    options: resolveOptions(source.meta, {}),
    preparedBy: source.meta.createdBy,
    appVersion: 'bench',
    now: () => new Date(),
    onProgress: (p) => {
      steps[p.step] ??= Date.now() - started;
    },
  });
  process.stdout.write(
    `${JSON.stringify({ durationMs: result.durationMs, steps, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024), fingerprint: result.fingerprint, zipBytes: result.zipBytes })}\n`,
  );
}

void main();
