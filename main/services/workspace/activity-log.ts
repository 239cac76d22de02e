import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { ActivityEntry } from '../../../shared/domain/activity';
import { saveFailure } from '../storage/atomic-write';

export const ACTIVITY_FILE = 'activity.jsonl';

/**
 * Append-only `activity.jsonl`: one JSON object a line. Appends never rewrite earlier lines,
 * so a crash can at worst leave one torn final line, which reading skips and counts.
 */
export class ActivityLog {
  constructor(private readonly root: string) {}

  get path() {
    return join(this.root, ACTIVITY_FILE);
  }

  async append(entry: ActivityEntry): Promise<void> {
    const line = `${JSON.stringify(ActivityEntry.parse(entry))}\n`;
    try {
      await fs.appendFile(this.path, line, { encoding: 'utf8' });
    } catch (error) {
      throw saveFailure(this.path, error);
    }
  }

  /** Newest first. */
  async read(options: { limit?: number; target?: string } = {}): Promise<{ entries: ActivityEntry[]; skipped: number }> {
    const text = await fs.readFile(this.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const entries: ActivityEntry[] = [];
    let skipped = 0;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        const parsed = ActivityEntry.safeParse(JSON.parse(line));
        if (parsed.success) entries.push(parsed.data);
        else skipped++;
      } catch {
        skipped++;
      }
    }
    const filtered = options.target ? entries.filter((e) => e.target === options.target) : entries;
    filtered.reverse();
    return { entries: options.limit ? filtered.slice(0, options.limit) : filtered, skipped };
  }
}
