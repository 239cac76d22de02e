import { parseArgs } from 'node:util';
import { verifyBundle, verifyProgressMessage, type VerifyProgress } from '../services/export/verify';
import { formatBytes } from '../../shared/util/format-bytes';
import { SAMPLE_MARK } from '../../shared/domain/workspace';
import { type CliIo, UsageError } from './output';
import { chainCheckSentence } from '../../shared/rules/chain-check-wording';

/** One line on stderr per tenth of the bytes, for a person watching a large bundle being checked. */
function progressPrinter(io: CliIo) {
  let lastTenth = -1;
  return (p: VerifyProgress) => {
    const tenth = p.bytesTotal ? Math.floor((p.bytesDone / p.bytesTotal) * 10) : 10;
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    io.err(`[verify] ${verifyProgressMessage(p)}`);
  };
}

/**
 * `verify FILE.zip [--seal HEX] [--json]`: checks a bundle without extracting it. Exit 0 only
 * when the ZIP, every hash, SHA256SUMS and manifest.json all match (and the seal, when given);
 * 1 otherwise.
 */
export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, seal: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new UsageError('verify needs exactly one bundle: verify FILE.zip');
  if (values.seal !== undefined && !/^[0-9a-f]{64}$/i.test(values.seal.trim())) {
    throw new UsageError(
      `--seal "${values.seal}" is not a seal: give the 64 hexadecimal characters the export printed as "Bundle seal".`,
    );
  }
  const report = await verifyBundle(positionals[0]!, {
    expectedSeal: values.seal,
    ...(!values.json && io.errIsTty ? { onProgress: progressPrinter(io) } : {}),
  });
  if (values.json) {
    io.out(JSON.stringify(report, null, 2));
    return report.ok ? 0 : 1;
  }
  const about = report.companyName ? ` (${report.companyName}, SOC 2 Type 1 as of ${report.asOfDate})` : '';
  io.out(`${report.path}${about}`);
  if (report.sample) io.out(`  ${SAMPLE_MARK}: a sample company's bundle, built from the sandbox, not from AWS.`);
  io.out(`  ${report.files} files, ${formatBytes(report.bytes)}, ${report.evidenceFiles} evidence files`);
  if (report.fingerprint) io.out(`  fingerprint (SHA-256 of manifest.json): ${report.fingerprint}`);
  if (report.seal) io.out(`  seal (SHA-256 of SHA256SUMS): ${report.seal}`);
  if (report.signature)
    io.out(
      `  signed by ${report.signature.principal} with ${report.signature.keyType} key ${report.signature.fingerprint}${report.signature.verified ? '' : ' (signature NOT valid)'}`,
    );
  else io.out('  not signed with an SSH key');
  io.out(`  ${chainCheckSentence(report.chain)}`);
  if (report.signOffsVerified)
    io.out(
      `  ${report.signOffsVerified} sign-off${report.signOffsVerified === 1 ? '' : 's'} signed with an SSH key, checked with ssh-keygen`,
    );
  if (report.ok) {
    io.out('OK: every file matches SHA256SUMS and manifest.json.');
    if (report.signature?.verified)
      io.out(
        `OK: the signature is good. Confirm with ${report.signature.principal}, through a separate channel, that ${report.signature.fingerprint} is their key.`,
      );
    if (report.sealMatches) io.out('OK: the seal matches: this is exactly the bundle that was sent.');
    else
      io.out(
        'Not checked: whether this is the bundle that was sent (anyone can rebuild SHA256SUMS). Ask the sender for the seal and run verify FILE.zip --seal SEAL.',
      );
    return 0;
  }
  io.out(`FAILED: ${report.problems.length} problem(s)`);
  for (const problem of report.problems.slice(0, 50)) io.out(`  - ${problem}`);
  if (report.problems.length > 50) io.out(`  ... and ${report.problems.length - 50} more`);
  io.out('Do not rely on this bundle: ask the sender for a fresh copy and its seal.');
  return 1;
}
