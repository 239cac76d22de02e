import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { EvidenceRecord } from '../../../shared/domain/evidence';
import { recordSha256, sealIndex } from '../evidence/record-seals';
import { listFolder, readRegularText } from '../storage/workspace-files';
import { RECORD_MAX_BYTES, EVIDENCE_DIR } from '../evidence/evidence-store';
import { WORKBENCH_ACTOR, type ActivityLog } from './activity-log';
import { lineSha256, type ChainReading } from './activity-chain';
import { removeLeftovers } from './workspace-temp';

/** What opening did to the log and records, said on screen and in the CLI. */
export interface OpenRepairs {
  /** A crash-torn last line of the log that was cut and kept aside. */
  recovered: string | null;
  /** Records whose write a crash interrupted: completed (their line was in the log) or discarded (it was not). */
  completed: string[];
  discarded: string[];
  /** Set when this open sealed an older workspace once. */
  sealed: string | null;
  /** What a killed run left (temp folder contents, half-written `.tmp` files), removed; workspace-relative. */
  leftovers: string[];
}

const readJson = async (path: string): Promise<unknown> => {
  try {
    return JSON.parse(await readRegularText(path, RECORD_MAX_BYTES));
  } catch {
    return undefined;
  }
};

/**
 * Run once when a workspace opens for writing, before anything else is appended: removes what a
 * killed run left (workspace-temp.ts), recovers a crash-torn last log line, completes or discards
 * records a crash left pending (the log line decides), and seals a workspace from before sealing existed: its log so far and every record
 * it holds, in one `workspace.sealed` line and one `evidence.sealed` line per record.
 */
export async function repairAndSeal(root: string, activity: ActivityLog, now: () => Date): Promise<OpenRepairs> {
  const leftovers = await removeLeftovers(root);
  const { reading, recovered } = await activity.check({ repair: true });
  const recordsDir = join(root, EVIDENCE_DIR, 'records');
  const names = await listFolder(recordsDir);
  const seals = sealIndex(reading.lines).seals;
  const completed: string[] = [];
  const discarded: string[] = [];
  for (const name of names.filter((n) => n.startsWith('.') && n.endsWith('.pending'))) {
    const id = name.slice(1, -'.pending'.length);
    const raw = await readJson(join(recordsDir, name));
    const seal = seals.get(id);
    if (seal && raw !== undefined && recordSha256(raw) === seal.recordSha256) {
      await fs.rename(join(recordsDir, name), join(recordsDir, `${id}.json`));
      completed.push(id);
    } else {
      // Its log line was never written: the record was never stored.
      await fs.rm(join(recordsDir, name), { force: true });
      discarded.push(id);
    }
  }
  const sealed = await sealOnce(root, activity, reading, names, now);
  return { recovered, completed, discarded, sealed, leftovers };
}

async function sealOnce(
  root: string,
  activity: ActivityLog,
  reading: ChainReading,
  names: string[],
  now: () => Date,
): Promise<string | null> {
  const chained = reading.lines.some((l) => l.entry.prevSha256 !== undefined);
  const recordsDir = join(root, EVIDENCE_DIR, 'records');
  const ids = names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -'.json'.length));
  const index = sealIndex(reading.lines);
  let toSeal: string[];
  let summary: string | null = null;
  if (!chained) {
    if (reading.legacyLines === 0 && ids.length === 0) return null;
    const text = await activity.text();
    summary = `Sealed this workspace once (it was made before sealing existed): the ${reading.legacyLines} earlier lines of the activity log (SHA-256 ${lineSha256(text).slice(0, 16)}…) and its ${ids.length} evidence records as they are now; from here on each line carries the SHA-256 of the line before.`;
    await activity.append({
      at: now().toISOString(),
      actor: WORKBENCH_ACTOR,
      action: 'workspace.sealed',
      summary,
      details: { legacyLines: reading.legacyLines, legacySha256: lineSha256(text), records: ids },
    });
    toSeal = ids;
  } else if (index.migrated) {
    // A crash part-way through sealing: the records that line listed and no line sealed yet.
    toSeal = index.migrated.ids.filter((id) => !index.seals.has(id) && ids.includes(id));
  } else {
    return null;
  }
  for (const id of toSeal) {
    const raw = await readJson(join(recordsDir, `${id}.json`));
    // An unreadable record is not sealed: it shows as Damaged, never silently dropped.
    if (raw === undefined) continue;
    const record = EvidenceRecord.safeParse(raw);
    await activity.append({
      at: now().toISOString(),
      actor: WORKBENCH_ACTOR,
      action: 'evidence.sealed',
      target: `evidence:${id}`,
      summary: `Sealed evidence record ${id} as it was when this workspace was first sealed`,
      details: {
        evidenceId: id,
        recordSha256: recordSha256(raw),
        sha256: record.success ? record.data.sha256 : '',
        record: raw,
      },
    });
  }
  return summary;
}
