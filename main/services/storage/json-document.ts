import { join } from 'node:path';
import type { z } from 'zod';
import { migrate, type DocumentMigrations } from '../../../shared/domain/migrations';
import { AppError, isAppError } from '../../../shared/ipc/result';
import { describeZodError } from '../../../shared/ipc/describe-zod-error';
import { entryKind, readRegularText, writeAtomic } from './workspace-files';

export const BACKUP_DIR = '.backup';

export const backupPath = (root: string, file: string) => join(root, BACKUP_DIR, file);

/**
 * One versioned JSON document of a workspace. Loading refuses anything it cannot trust
 * (corrupt, truncated, too new, schema-violating) with the file named; saving is atomic and
 * refreshes the last-good copy in `.backup/`, which `restoreBackup` can bring back.
 */
export class JsonDocument<S extends z.ZodType> {
  constructor(
    private readonly root: string,
    readonly file: string,
    private readonly schema: S,
    private readonly migrations: DocumentMigrations,
  ) {}

  get path(): string {
    return join(this.root, this.file);
  }

  async exists(): Promise<boolean> {
    return (await entryKind(this.path)) !== null;
  }

  async load(): Promise<z.output<S>> {
    let text: string;
    try {
      text = await readRegularText(this.path);
    } catch (error) {
      if (isAppError(error)) throw error;
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw await this.damaged('WORKSPACE_FILE_CORRUPT', `${this.file} is missing from the workspace.`);
      }
      throw new AppError(
        'WORKSPACE_FILE_CORRUPT',
        `${this.file} could not be read (${(error as NodeJS.ErrnoException).code}).`,
        {
          hint: 'Check the folder permissions and try again.',
          details: { file: this.file },
        },
      );
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      const truncated = text.trim().length === 0 || /end of (json )?input|unterminated/i.test(String(error));
      throw await this.damaged(
        'WORKSPACE_FILE_CORRUPT',
        truncated
          ? `${this.file} is empty or cut short (truncated); it is not valid JSON.`
          : `${this.file} is not valid JSON: ${(error as Error).message}.`,
      );
    }
    const outcome = migrate(raw, this.migrations);
    if (outcome.kind === 'too_new') {
      throw new AppError(
        'WORKSPACE_TOO_NEW',
        `${this.file} was written by a newer version of Audit Workbench (format ${outcome.version}; this version reads up to ${this.migrations.current}).`,
        {
          hint: 'Update Audit Workbench to open this workspace. The file was left untouched.',
          details: { file: this.file },
        },
      );
    }
    if (outcome.kind !== 'ok') {
      throw await this.damaged('WORKSPACE_FILE_INVALID', `${this.file} has no valid schemaVersion field.`);
    }
    const parsed = this.schema.safeParse(outcome.doc);
    if (!parsed.success) {
      throw await this.damaged(
        'WORKSPACE_FILE_INVALID',
        `${this.file} does not match the workspace format: ${describeZodError(parsed.error)}.`,
      );
    }
    return parsed.data;
  }

  async save(value: z.input<S>): Promise<z.output<S>> {
    // Validate before touching the disk: a bug must never persist an unreadable workspace.
    const parsed = this.schema.parse(value);
    const text = `${JSON.stringify(parsed, null, 2)}\n`;
    await writeAtomic(this.root, this.path, text);
    // The copy of what was just written is the last-good version; failing to refresh it
    // must not report the user's change as lost, since the change itself is safely on disk.
    await writeAtomic(this.root, backupPath(this.root, this.file), text).catch(() => {});
    return parsed;
  }

  private async damaged(code: 'WORKSPACE_FILE_CORRUPT' | 'WORKSPACE_FILE_INVALID', message: string): Promise<AppError> {
    const backupAvailable = (await entryKind(backupPath(this.root, this.file)).catch(() => null)) === 'file';
    return new AppError(code, message, {
      hint: backupAvailable
        ? 'Restore the last good copy (the damaged file is kept beside it), or fix the file by hand and open the workspace again.'
        : 'No backup of this file exists. Fix the file by hand, or restore it from your own backup, then open the workspace again.',
      details: { file: this.file, folder: this.root, backupAvailable },
    });
  }
}
