import type { Manifest } from '../../../shared/domain/manifest';
import type { ChainCheckView } from '../../../shared/ipc/channels/export';
import { differingField, sealIndex, shippedRecordSha256, type StatusChange } from '../evidence/record-seals';
import { RECORD_STATUSES, type RecordStatus } from '../../../shared/domain/record-status';
import { EvidenceRecord } from '../../../shared/domain/evidence';
import { readChain } from '../workspace/activity-chain';
import { ADDED_BUNDLE_FILES } from './layout';

/** How many record problems are named one by one; the count still covers all of them. */
const RECORDS_NAMED = 10;

/**
 * Recomputes, from the bundle alone, the chain of the activity.jsonl it ships (every line's
 * link to the one before, ending at the head manifest.json records) and every shipped record's
 * canonical hash, and matches each record with the line that sealed it; the withdrawn records
 * manifest.json lists must be the ones the log withdrew, and none of them may ship.
 * Answers what was checked, or null for a bundle exported before the log was shipped.
 */
export function checkBundleChain(
  manifest: Manifest,
  kept: Map<string, Buffer>,
  problems: string[],
): ChainCheckView | null {
  const recordProblems: string[] = [];
  const name = (e: { id: string; title: string }) => `Evidence ${e.id} ("${e.title}")`;
  // The hash of each record as shipped, recomputed: a claimed recordSha256 is never trusted.
  const hashes = new Map(manifest.evidence.map((e) => [e.id, shippedRecordSha256(e)]));
  for (const e of manifest.evidence) {
    if (e.recordSha256 !== undefined && hashes.get(e.id) !== e.recordSha256)
      recordProblems.push(
        `${name(e)}: its record in manifest.json no longer hashes to its recordSha256; manifest.json was changed after export.`,
      );
  }
  const activity = manifest.activity;
  if (!activity) {
    if (manifest.evidence.some((e) => e.recordSha256 !== undefined))
      problems.push(
        'manifest.json lists record hashes but no activity log to check them against; it was changed after export.',
      );
    problems.push(...recordProblems);
    return null;
  }
  if (activity.path !== ADDED_BUNDLE_FILES.activityLog) {
    problems.push(
      `manifest.json names ${activity.path} as the activity log; the export always ships it as ${ADDED_BUNDLE_FILES.activityLog}.`,
    );
    return null;
  }
  const bytes = kept.get(activity.path);
  if (!bytes) {
    problems.push(
      `${activity.path}, the activity log manifest.json says the bundle carries, is missing, so no record's seal was checked.`,
    );
    return null;
  }
  const reading = readChain(bytes.toString('utf8'), {
    schemaVersion: 1,
    lines: activity.lines,
    sha256: activity.sha256,
  });
  if (reading.torn)
    problems.push(
      `Line ${reading.torn.line} of ${activity.path} is cut short or not an activity entry: it was changed after export.`,
    );
  else if (reading.problem) problems.push(`${activity.path} does not verify: ${reading.problem.message}`);
  else if (reading.headBehind)
    problems.push(
      `${activity.path} has line ${reading.lines.length} after the last line manifest.json's chain head records (line ${activity.lines}): it was added after export.`,
    );

  const index = sealIndex(reading.lines);
  for (const e of manifest.evidence) {
    if (e.recordSha256 === undefined) {
      recordProblems.push(
        `${name(e)} carries no recordSha256 in manifest.json, though the bundle ships its activity log.`,
      );
      continue;
    }
    const seal = index.seals.get(e.id);
    if (!seal) {
      recordProblems.push(
        `${name(e)} is not sealed by any line of ${activity.path}: its record was added after it was captured.`,
      );
      continue;
    }
    if (seal.recordSha256 !== hashes.get(e.id)) {
      const field = seal.record ? differingField(seal.record, EvidenceRecord.parse(e)) : null;
      recordProblems.push(
        `${name(e)} does not match the record line ${seal.line} of ${activity.path} sealed${field ? `: its field ${field} differs` : ''}.`,
      );
    } else if (seal.fileSha256 !== e.sha256) {
      recordProblems.push(
        `${name(e)}: its file hash differs from the one line ${seal.line} of ${activity.path} sealed.`,
      );
    }
    const status = index.status.get(e.id);
    if (status)
      recordProblems.push(
        `${name(e)} was ${status.status} at line ${status.line} of ${activity.path}, yet the bundle ships it.`,
      );
  }
  problems.push(...recordProblems.slice(0, RECORDS_NAMED));
  if (recordProblems.length > RECORDS_NAMED)
    problems.push(`${recordProblems.length - RECORDS_NAMED} more evidence records fail the same checks.`);

  for (const status of RECORD_STATUSES) checkStatusList(manifest, status, index.status, activity.path, problems);
  const count = (status: RecordStatus) => [...index.status.values()].filter((c) => c.status === status).length;
  return {
    lines: reading.lines.length,
    records: manifest.evidence.length,
    withdrawn: count('withdrawn'),
    retired: count('retired'),
  };
}

/**
 * A status list of manifest.json (`withdrawn`, `retired`) must be exactly what the log set: each
 * record the log gave that status listed, with the same reason, who, when and line, and no other.
 */
function checkStatusList(
  manifest: Manifest,
  status: RecordStatus,
  changes: Map<string, StatusChange>,
  log: string,
  problems: string[],
) {
  const listed = new Map((manifest[status] ?? []).map((w) => [w.id, w]));
  for (const [id, change] of changes) {
    if (change.status !== status) continue;
    const w = listed.get(id);
    if (!w)
      problems.push(
        `Evidence ${id} was ${status} at line ${change.line} of ${log}, but manifest.json does not list it as ${status}.`,
      );
    else if (
      w.line !== change.line ||
      w.reason !== change.reason ||
      w.at !== change.at ||
      w.by.email !== change.by.email ||
      w.by.name !== change.by.name
    )
      problems.push(
        `manifest.json's ${status} entry for ${id} differs from line ${change.line} of ${log}, which records it.`,
      );
  }
  for (const id of listed.keys())
    if (changes.get(id)?.status !== status)
      problems.push(`manifest.json lists ${id} as ${status}, but no line of ${log} set that.`);
}
