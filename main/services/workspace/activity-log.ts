import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { ActivityEntry } from '../../../shared/domain/activity';
import { isAppError } from '../../../shared/ipc/result';
import { saveFailure } from '../storage/atomic-write';
import { BACKUP_DIR } from '../storage/json-document';
import {
  appendRegular,
  entryKind,
  readRegularText,
  refused,
  stampOf,
  truncateRegular,
  writeAtomic,
} from '../storage/workspace-files';
import { CHAIN_START, lineSha256, readChain, type ChainHead, type ChainReading } from './activity-chain';

export const ACTIVITY_FILE = 'activity.jsonl';
/** The chain head: the count of lines and the last line's SHA-256, kept apart from the log. */
export const HEAD_FILE = 'activity.head.json';

/** Years of activity fit well within this; a larger file was not written by the workbench. */
export const ACTIVITY_MAX_BYTES = 256 * 1024 * 1024;

/** How many unreadable line numbers `read` names; the count still covers all of them. */
const SKIPPED_LINES_NAMED = 5;

/** Who the log's own maintenance lines (sealing, crash recovery) are attributed to. */
export const WORKBENCH_ACTOR = { name: 'Audit Workbench', email: '' };

/** The log's state as the next append needs it: how many lines, the last one's hash. */
interface Tail {
  lines: number;
  sha256: string;
  /** The log's size after the last line this instance knows of: a different size means it changed underneath. */
  bytes: number;
}

/** What opening the log found and did: problems are reported, a crash-torn last line is recovered. */
export interface ActivityCheck {
  reading: ChainReading;
  /** Set when a torn last line was cut (and kept aside): said in the log and on screen. */
  recovered: string | null;
}

/**
 * Append-only `activity.jsonl`, a hash chain: each line carries the SHA-256 of the line before
 * it, and `activity.head.json` holds the count and the last line's hash. Appends are serialised,
 * never rewrite earlier lines, and are on disk (fsync) before they return. A crash can at worst
 * leave one torn final line: `check` cuts it, keeps its bytes in `.backup/`, and says so in the
 * log, so it never reads as tampering.
 */
export class ActivityLog {
  private tail: Tail | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  /** `beforeAppend` may refuse a write (for example when the workspace lock was taken over). */
  constructor(
    private readonly root: string,
    private readonly beforeAppend: () => Promise<void> = async () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  get path() {
    return join(this.root, ACTIVITY_FILE);
  }

  get headPath() {
    return join(this.root, HEAD_FILE);
  }

  /** Appends one line, chained to the one before; resolves once it is durable. */
  append(entry: ActivityEntry): Promise<void> {
    const run = () => this.appendNow(entry);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async appendNow(entry: ActivityEntry): Promise<void> {
    const parsed = ActivityEntry.parse(entry);
    await this.beforeAppend();
    const kind = await entryKind(this.path);
    if (kind !== null && kind !== 'file') throw refused(this.path, kind, 'file', 'write');
    const size = await fs.lstat(this.path).then(
      (s) => s.size,
      () => 0,
    );
    // Written to since (by hand, or a torn line): read the chain again (and recover a torn line) first.
    const tail = this.tail && this.tail.bytes === size ? this.tail : (await this.checkNow()).tail;
    const line = JSON.stringify({ ...parsed, prevSha256: tail.sha256 });
    let before: number;
    try {
      before = await appendRegular(this.root, this.path, `${line}\n`);
    } catch (error) {
      if (isAppError(error)) throw error;
      throw saveFailure(this.path, error);
    }
    this.tail = {
      lines: tail.lines + 1,
      sha256: lineSha256(line),
      bytes: before + Buffer.byteLength(line, 'utf8') + 1,
    };
    // The line is durable; a head one line behind is recognised (and caught up) on the next open.
    await this.writeHead(this.tail).catch(() => {});
  }

  private writeHead(tail: Tail): Promise<void> {
    const head: ChainHead = { schemaVersion: 1, lines: tail.lines, sha256: tail.sha256 };
    return writeAtomic(this.root, this.headPath, `${JSON.stringify(head)}\n`);
  }

  async readHead(): Promise<ChainHead | null> {
    try {
      const raw = JSON.parse(await readRegularText(this.headPath, 4096)) as Partial<ChainHead>;
      if (typeof raw.lines !== 'number' || typeof raw.sha256 !== 'string') return null;
      return { schemaVersion: 1, lines: raw.lines, sha256: raw.sha256 };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      if (isAppError(error)) throw error;
      return null;
    }
  }

  private cached: { stamp: string; reading: ChainReading } | null = null;

  /** The chain as it is on disk, without repairing anything; re-read only when the log or its head changed. */
  async readChain(): Promise<ChainReading> {
    const stamp = await this.stamp();
    if (this.cached?.stamp === stamp) return this.cached.reading;
    const reading = readChain(await this.text(), await this.readHead());
    this.cached = { stamp, reading };
    return reading;
  }

  /** The log's and the head's stamps, taken before reading them: a change during the read makes the next read start over. */
  private async stamp(): Promise<string> {
    const stampAt = (path: string) =>
      fs
        .lstat(path)
        .then(stampOf, (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? 'none' : String(error.code)));
    return `${await stampAt(this.path)}|${await stampAt(this.headPath)}`;
  }

  async text(): Promise<string> {
    return readRegularText(this.path, ACTIVITY_MAX_BYTES).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
  }

  /**
   * Reads the whole chain and reports what no longer matches. When `repair` is allowed (the
   * workspace is open for writing), a crash-torn last line is cut (its bytes kept in `.backup/`)
   * and recorded, and a head one line behind is caught up: neither is tampering.
   */
  check(options: { repair?: boolean } = {}): Promise<ActivityCheck> {
    const run = async () => (await this.checkNow(options)).check;
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async checkNow(
    options: { repair?: boolean } = { repair: true },
  ): Promise<{ check: ActivityCheck; tail: Tail }> {
    const stamp = await this.stamp();
    const text = await this.text();
    let reading = readChain(text, await this.readHead());
    // Opening reads the whole chain; the first screen after it reads the same bytes from here.
    this.cached = { stamp, reading };
    let recovered: string | null = null;
    const repair = options.repair ?? true;
    if (repair && reading.torn) {
      await this.beforeAppend();
      const { torn } = reading;
      const aside = `${BACKUP_DIR}/activity-torn-${this.now().toISOString().replace(/[:.]/g, '-')}.txt`;
      await writeAtomic(this.root, join(this.root, aside), Buffer.from(text, 'utf8').subarray(torn.offset));
      await truncateRegular(this.path, torn.offset);
      recovered = `The last line of activity.jsonl (line ${torn.line}, ${torn.bytes} bytes) was cut short, most likely by a crash while it was being written; it was moved to ${aside} and the log continues after line ${torn.line - 1}.`;
      reading = readChain(Buffer.from(text, 'utf8').subarray(0, torn.offset).toString('utf8'), await this.readHead());
    }
    if (repair && !reading.torn && text.length > 0 && !text.endsWith('\n')) {
      // A last line complete but for its newline (an older app, or a crash right before it): ended, not cut.
      await this.beforeAppend();
      await appendRegular(this.root, this.path, '\n');
    }
    const last = reading.lines.at(-1);
    const bytes = await fs.lstat(this.path).then(
      (s) => s.size,
      () => 0,
    );
    const tail: Tail = { lines: reading.lines.length, sha256: last?.sha256 ?? CHAIN_START, bytes };
    if (repair && reading.headBehind && !reading.problem) await this.writeHead(tail).catch(() => {});
    this.tail = tail;
    if (recovered) {
      await this.appendNow({
        at: this.now().toISOString(),
        actor: WORKBENCH_ACTOR,
        action: 'activity.recovered',
        summary: recovered,
        details: { line: reading.lines.length + 1 },
      });
    }
    return { check: { reading, recovered }, tail: this.tail! };
  }

  /** Newest first; `skippedLines` names the first few unreadable lines (1-based) so people can find them. */
  async read(
    options: { limit?: number; target?: string } = {},
  ): Promise<{ entries: ActivityEntry[]; skipped: number; skippedLines: number[] }> {
    const text = await this.text();
    const entries: ActivityEntry[] = [];
    let skipped = 0;
    const skippedLines: number[] = [];
    const skip = (lineNumber: number) => {
      skipped++;
      if (skippedLines.length < SKIPPED_LINES_NAMED) skippedLines.push(lineNumber);
    };
    for (const [index, line] of text.split('\n').entries()) {
      if (!line.trim()) continue;
      try {
        const parsed = ActivityEntry.safeParse(JSON.parse(line));
        if (parsed.success) entries.push(parsed.data);
        else skip(index + 1);
      } catch {
        skip(index + 1);
      }
    }
    const filtered = options.target ? entries.filter((e) => e.target === options.target) : entries;
    filtered.reverse();
    return { entries: options.limit ? filtered.slice(0, options.limit) : filtered, skipped, skippedLines };
  }
}
