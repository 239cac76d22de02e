import { parseArgs } from 'node:util';
import { verifyBundle } from '../services/export/verify';
import { formatBytes } from '../../shared/rules/format-bytes';
import { type CliIo, UsageError } from './output';

/**
 * `verify FILE.zip [--json]`: checks a bundle without extracting it. Exit 0 only when the ZIP,
 * every hash, SHA256SUMS and manifest.json all match; 1 otherwise.
 */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length !== 1) throw new UsageError('verify needs exactly one bundle: verify FILE.zip');
  const report = await verifyBundle(positionals[0]!);
  if (values.json) {
    io.out(JSON.stringify(report, null, 2));
    return report.ok ? 0 : 1;
  }
  const about = report.companyName ? ` (${report.companyName}, SOC 2 Type 1 as of ${report.asOfDate})` : '';
  io.out(`${report.path}${about}`);
  io.out(`  ${report.files} files, ${formatBytes(report.bytes)}, ${report.evidenceFiles} evidence files`);
  if (report.fingerprint) io.out(`  fingerprint (SHA-256 of manifest.json): ${report.fingerprint}`);
  if (report.ok) {
    io.out('OK: every file matches SHA256SUMS and manifest.json.');
    return 0;
  }
  io.out(`FAILED: ${report.problems.length} problem(s)`);
  for (const problem of report.problems.slice(0, 50)) io.out(`  - ${problem}`);
  if (report.problems.length > 50) io.out(`  ... and ${report.problems.length - 50} more`);
  return 1;
}
