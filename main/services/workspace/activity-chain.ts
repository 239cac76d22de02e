import { createHash } from 'node:crypto';
import { ActivityEntry } from '../../../shared/domain/activity';

/** The `prevSha256` of the first line of a log: there is no line before it. */
export const CHAIN_START = '0'.repeat(64);

export const lineSha256 = (line: string) => createHash('sha256').update(line, 'utf8').digest('hex');

/** The chain head kept beside the log (`activity.head.json`): how many lines, and the hash of the last. */
export interface ChainHead {
  schemaVersion: 1;
  lines: number;
  sha256: string;
}

export interface ChainLine {
  /** 1-based, as an editor shows it. */
  number: number;
  entry: ActivityEntry;
  sha256: string;
}

export type ChainProblem =
  | { kind: 'line-unreadable'; line: number; message: string }
  | { kind: 'line-unlinked'; line: number; message: string }
  | { kind: 'legacy-changed'; line: number; message: string }
  | { kind: 'head'; line: number; message: string };

export interface ChainReading {
  lines: ChainLine[];
  /** The first problem (the first line that no longer matches), or null when the chain holds. */
  problem: ChainProblem | null;
  /** A last line cut short by a crash mid-append (no newline, not JSON): its bytes, to keep and cut. */
  torn: { line: number; offset: number; bytes: number } | null;
  /** The head reached one line behind the log: the crash came between the append and the head update. */
  headBehind: boolean;
  /** Lines written before sealing existed (before the first chained line). */
  legacyLines: number;
  sealed: boolean;
  /** What the head should say now. */
  head: ChainHead | null;
  /** The text these lines were read from, a torn last line left out: what a bundle ships as activity.jsonl. */
  text: string;
}

/**
 * Reads `activity.jsonl` as a hash chain: every line after the legacy prefix carries the SHA-256
 * of the line before it, the `workspace.sealed` line carries the hash of the whole legacy prefix,
 * and the head (kept apart) names the count and the last line's hash, so an edited, swapped,
 * deleted or appended-then-removed line is found, with the first line that no longer matches.
 * A torn last line (no newline, not JSON) is a crash mid-append, reported apart, never as tampering.
 */
export function readChain(text: string, head: ChainHead | null): ChainReading {
  const segments = text.split('\n');
  const endsClean = text.length === 0 || text.endsWith('\n');
  if (endsClean) segments.pop();
  const lines: ChainLine[] = [];
  let problem: ChainProblem | null = null;
  let torn: ChainReading['torn'] = null;
  let legacyLines = 0;
  let legacyBytes = 0;
  let chained = false;
  let sealed = false;
  let offset = 0;
  const fail = (p: ChainProblem) => (problem ??= p);
  for (const [index, raw] of segments.entries()) {
    const number = index + 1;
    const isLast = index === segments.length - 1;
    const start = offset;
    offset += Buffer.byteLength(raw, 'utf8') + 1;
    if (!raw.trim() && !(isLast && !endsClean)) continue;
    let entry: ActivityEntry | null;
    try {
      const parsed = ActivityEntry.safeParse(JSON.parse(raw));
      entry = parsed.success ? parsed.data : null;
    } catch {
      entry = null;
    }
    if (!entry) {
      if (isLast && !endsClean) {
        torn = { line: number, offset: start, bytes: Buffer.byteLength(raw, 'utf8') };
        break;
      }
      if (!chained) {
        // Written before sealing (an older app skipped such lines too): sealed with the rest of the prefix.
        legacyLines++;
        legacyBytes = offset;
        continue;
      }
      fail({
        kind: 'line-unreadable',
        line: number,
        message: `Line ${number} of activity.jsonl is not a valid activity entry: it was changed or damaged.`,
      });
      continue;
    }
    const sha256 = lineSha256(raw);
    const previous = lines.at(-1);
    if (entry.prevSha256 === undefined) {
      if (chained) {
        fail({
          kind: 'line-unlinked',
          line: number,
          message: `Line ${number} of activity.jsonl carries no hash of the line before it: it was added or changed by hand.`,
        });
      } else {
        legacyLines++;
        legacyBytes = offset;
      }
    } else {
      const expected = previous?.sha256 ?? CHAIN_START;
      if (entry.prevSha256 !== expected) {
        fail({
          kind: 'line-unlinked',
          line: number,
          message: previous
            ? `Line ${number} of activity.jsonl does not follow line ${previous.number}: line ${previous.number} was changed, or lines between them were removed or reordered.`
            : `Line ${number} of activity.jsonl should be the first line of the log: the lines before it were removed.`,
        });
      }
      if (!chained && legacyLines > 0) {
        const seal = entry.action === 'workspace.sealed' ? entry.details : undefined;
        const legacySha256 = lineSha256(Buffer.from(text, 'utf8').subarray(0, legacyBytes).toString('utf8'));
        if (!seal || seal.legacySha256 !== legacySha256 || seal.legacyLines !== legacyLines) {
          fail({
            kind: 'legacy-changed',
            line: number,
            message: `The ${legacyLines} lines of activity.jsonl written before sealing no longer match what line ${number} sealed: one of lines 1-${legacyLines} was changed, added or removed.`,
          });
        }
      }
      chained = true;
    }
    if (entry.action === 'workspace.sealed') sealed = true;
    lines.push({ number, entry, sha256 });
  }
  const last = lines.at(-1);
  let headBehind = false;
  if (chained) {
    if (!head) {
      fail({
        kind: 'head',
        line: last?.number ?? 0,
        message: 'activity.head.json, which holds the hash of the last line of the log, is missing.',
      });
    } else if (head.lines === lines.length && head.sha256 === last?.sha256) {
      // Holds.
    } else if (head.lines === lines.length - 1 && head.sha256 === lines.at(-2)?.sha256) {
      headBehind = true;
    } else if (head.lines > lines.length) {
      fail({
        kind: 'head',
        line: lines.length,
        message: `activity.jsonl ends at line ${lines.length}, but its chain head says it had ${head.lines} lines: the last lines were removed.`,
      });
    } else {
      const at = Math.min(head.lines, lines.length);
      fail({
        kind: 'head',
        line: at,
        message:
          lines[at - 1]?.sha256 === head.sha256
            ? `activity.jsonl has ${lines.length - head.lines} more lines than its chain head records after line ${head.lines}: they were added outside the app.`
            : `Line ${at} of activity.jsonl does not match its chain head: it was changed.`,
      });
    }
  }
  return {
    lines,
    problem,
    torn,
    headBehind,
    legacyLines,
    sealed,
    head: last && chained ? { schemaVersion: 1, lines: lines.length, sha256: last.sha256 } : null,
    text: torn ? Buffer.from(text, 'utf8').subarray(0, torn.offset).toString('utf8') : text,
  };
}
