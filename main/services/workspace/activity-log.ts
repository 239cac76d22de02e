import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { ActivityEntry } from '../../../shared/domain/activity';
import { saveFailure } from '../storage/atomic-write';

export const ACTIVITY_FILE = 'activity.jsonl';

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
    try {
      // A torn last line (crash or full disk mid-append) must not swallow this entry too.
      const prefix = (await this.endsWithNewline()) ? '' : '\n';
      await fs.appendFile(this.path, prefix + line, { encoding: 'utf8' });
    } catch (error) {
      throw saveFailure(this.path, error);
    }
  }

  private async endsWithNewline(): Promise<boolean> {
    const handle = await fs.open(this.path, 'r').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (!handle) return true;
    try {
      const { size } = await handle.stat();
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
    const text = await fs.readFile(this.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
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
