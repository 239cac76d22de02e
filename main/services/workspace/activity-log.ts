import { join } from 'node:path';
import { ActivityEntry } from '../../../shared/domain/activity';
import { isAppError } from '../../../shared/ipc/result';
import { saveFailure } from '../storage/atomic-write';
import { appendRegular, entryKind, openRegular, readRegularText, refused } from '../storage/workspace-files';

export const ACTIVITY_FILE = 'activity.jsonl';

/** Years of activity fit well within this; a larger file was not written by the workbench. */
export const ACTIVITY_MAX_BYTES = 256 * 1024 * 1024;

/** How many unreadable line numbers `read` names; the count still covers all of them. */
const SKIPPED_LINES_NAMED = 5;

/**
 * Append-only `activity.jsonl`: one JSON object a line. Appends never rewrite earlier lines,
 * so a crash can at worst leave one torn final line, which reading skips and counts.
 */
export class ActivityLog {
  /** `beforeAppend` may refuse a write (for example when the workspace lock was taken over). */
  constructor(
    private readonly root: string,
    private readonly beforeAppend: () => Promise<void> = async () => {},
  ) {}

  get path() {
    return join(this.root, ACTIVITY_FILE);
  }

  async append(entry: ActivityEntry): Promise<void> {
    const line = `${JSON.stringify(ActivityEntry.parse(entry))}\n`;
    await this.beforeAppend();
    const kind = await entryKind(this.path);
    if (kind !== null && kind !== 'file') throw refused(this.path, kind, 'file', 'write');
    try {
      // A torn last line (crash or full disk mid-append) must not swallow this entry too.
      const prefix = (await this.endsWithNewline()) ? '' : '\n';
      await appendRegular(this.root, this.path, prefix + line);
    } catch (error) {
      if (isAppError(error)) throw error;
      throw saveFailure(this.path, error);
    }
  }

  private async endsWithNewline(): Promise<boolean> {
    const opened = await openRegular(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!opened) return true;
    const { handle } = opened;
    try {
      const { size } = opened.stat;
      if (size === 0) return true;
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      return last[0] === 0x0a;
    } finally {
      await handle.close();
    }
  }

  /** Newest first; `skippedLines` names the first few unreadable lines (1-based) so people can find them. */
  async read(
    options: { limit?: number; target?: string } = {},
  ): Promise<{ entries: ActivityEntry[]; skipped: number; skippedLines: number[] }> {
    const text = await readRegularText(this.path, ACTIVITY_MAX_BYTES).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
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
