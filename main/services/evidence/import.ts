import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { controlById } from '../../../shared/catalog';
import type { EvidenceRecord } from '../../../shared/domain/evidence';
import { IMPORT_PROGRESS_MIN_BYTES, type ImportDetails, type PickedFile } from '../../../shared/ipc/channels/evidence';
import { AppError } from '../../../shared/ipc/result';
import type { WorkspaceService } from '../workspace/workspace-service';
import { withWorkspaceTemp } from '../workspace/workspace-temp';
import { checkImportable, DEFAULT_IMPORT_MAX_BYTES, inspectImport, unreadable } from './import-validation';
import { LongTask, type ProgressEvent } from '../long-task';
import { importProgress, type ImportProgress } from './import-progress';
import type { NewEvidence } from './evidence-store';

export interface ImportServiceDeps {
  workspaces: WorkspaceService;
  /** The host's file picker; null when the person cancels. */
  pickFiles: () => Promise<string[] | null>;
  /** Progress of imports of IMPORT_PROGRESS_MIN_BYTES or more (task "import"). */
  emit?: (progress: ProgressEvent) => void;
  maxBytes?: number;
}

/** What the snapshot step writes with: the signal stops it, `onBytes` counts what was copied. */
type WriteSnapshot = (snapshot: string, signal: AbortSignal, onBytes: (n: number) => void) => Promise<void>;

export const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'evidence';

function checkControlIds(controlIds: string[]): void {
  const unknown = controlIds.filter((id) => !controlById(id));
  if (unknown.length)
    throw new AppError('INVALID_INPUT', `Unknown control(s): ${unknown.join(', ')}.`, {
      hint: 'Choose controls from the catalog.',
    });
}

/**
 * Files people made elsewhere: copied to a private snapshot first, so what is checked by
 * content is exactly what is stored even if the original changes meanwhile, then streamed
 * into the evidence store (temp name and rename), so a refused, failed or cancelled import leaves
 * nothing behind. Picked paths stay in main; the renderer holds only tokens. An import of
 * IMPORT_PROGRESS_MIN_BYTES or more reports its bytes as `progress` events (task "import"); any
 * import can be cancelled until its file is put in place, and a cancelled one is not an error to
 * log: it rejects with CANCELLED, with the workspace as it was.
 */
export class ImportService {
  private readonly picked = new Map<string, { path: string; name: string }>();
  private readonly importing: LongTask;

  constructor(private readonly deps: ImportServiceDeps) {
    this.importing = new LongTask({
      task: 'import',
      emit: (p) => deps.emit?.(p),
      cancelled: () => new AppError('CANCELLED', 'Import cancelled — nothing was added to the workspace.'),
    });
  }

  /** Cancels every import in progress; each removes its staged copy and stores nothing. */
  cancel(): { cancelled: boolean } {
    return this.importing.cancel();
  }

  /** Cancels and waits until every import has stopped: the workspace closes after. */
  stop(): Promise<void> {
    return this.importing.stop();
  }

  get maxBytes() {
    return this.deps.maxBytes ?? DEFAULT_IMPORT_MAX_BYTES;
  }

  async pickFiles(): Promise<PickedFile[]> {
    const paths = (await this.deps.pickFiles()) ?? [];
    const out: PickedFile[] = [];
    for (const path of paths) {
      const size = await fs.stat(path).then(
        (s) => s.size,
        () => 0,
      );
      const token = randomBytes(12).toString('hex');
      this.picked.set(token, { path, name: basename(path) });
      out.push({ token, name: basename(path), size });
    }
    return out;
  }

  async importPicked(token: string, details: ImportDetails): Promise<EvidenceRecord> {
    const file = this.picked.get(token);
    if (!file) throw new AppError('NOT_FOUND', 'That file is no longer selected.', { hint: 'Choose the file again.' });
    const record = await this.importFile(file.path, file.name, details, 'file picker');
    this.picked.delete(token);
    return record;
  }

  /** Dropped or pasted bytes are written to a private snapshot, like a copied file. */
  importBytes(name: string, bytes: Uint8Array, details: ImportDetails, via: 'drop' | 'paste'): Promise<EvidenceRecord> {
    const write: WriteSnapshot = async (snapshot, signal, onBytes) => {
      await fs.writeFile(snapshot, bytes, { mode: 0o600, signal });
      onBytes(bytes.byteLength);
    };
    return this.withSnapshot(
      write,
      bytes.byteLength,
      name,
      details,
      via === 'drop' ? 'drag and drop' : 'clipboard paste',
    );
  }

  async importFile(path: string, name: string, details: ImportDetails, via: string): Promise<EvidenceRecord> {
    // Refuse what cannot or should not be imported before copying a byte of it.
    const { size } = await checkImportable(path, name, this.maxBytes);
    const copy: WriteSnapshot = async (snapshot, signal, onBytes) => {
      const count = new Transform({
        transform(chunk: Buffer, _enc, done) {
          onBytes(chunk.length);
          done(null, chunk);
        },
      });
      try {
        await pipeline(createReadStream(path), count, createWriteStream(snapshot, { flags: 'wx', mode: 0o600 }), {
          signal,
        });
      } catch {
        signal.throwIfAborted();
        throw unreadable(name);
      }
    };
    return this.withSnapshot(copy, size, name, details, via);
  }

  private async withSnapshot(
    write: WriteSnapshot,
    size: number,
    name: string,
    details: ImportDetails,
    via: string,
  ): Promise<EvidenceRecord> {
    const ws = this.deps.workspaces.require();
    ws.actor();
    checkControlIds(details.controlIds);
    return this.importing.run(async (signal, report) => {
      const progress = importProgress(name, size, size >= IMPORT_PROGRESS_MIN_BYTES ? report : null);
      // The snapshot is the audit's content: it stays inside the workspace (see workspace-temp.ts).
      return withWorkspaceTemp(ws.root, async (dir) => {
        const snapshot = join(dir, 'file');
        progress.step('copying');
        await write(snapshot, signal, progress.bytes);
        return this.store(snapshot, name, details, via, signal, progress);
      });
    });
  }

  private async store(
    path: string,
    name: string,
    details: ImportDetails,
    via: string,
    signal: AbortSignal,
    progress: ImportProgress,
  ): Promise<EvidenceRecord> {
    const ws = this.deps.workspaces.require();
    const actor = ws.actor();
    progress.step('checking');
    const file = await inspectImport(path, name, this.maxBytes, undefined, signal);
    progress.step('storing');
    const fields: NewEvidence = {
      title: details.title,
      kind: file.kind,
      mediaType: file.mediaType,
      fileName: `${slug(details.title)}-${details.effectiveDate}${file.extension}`,
      controlIds: details.controlIds,
      source: { type: 'import', originalName: name },
      effectiveDate: details.effectiveDate,
      capturedBy: actor,
      meta: { importedVia: via, ...(file.formulaCells ? { formulaCells: file.formulaCells } : {}) },
    };
    const record = await ws.evidence.addFile(path, fields, { signal, onBytes: progress.bytes });
    // Evidence bytes never change, so the warning travels with the record (and into the bundle's index).
    const flagged = file.formulaCells
      ? `; ${file.formulaCells.count} cell(s) look like spreadsheet formulas (first at ${file.formulaCells.first}) and are flagged for the auditor`
      : '';
    for (const controlId of details.controlIds) {
      await ws.record({
        action: 'evidence.imported',
        target: `control:${controlId}`,
        summary: `Imported "${details.title}" (${name}) as evidence for ${controlId}${flagged}`,
        details: {
          evidenceId: record.id,
          sha256: record.sha256,
          via,
          ...(file.formulaCells ? { formulaCells: file.formulaCells.count } : {}),
        },
      });
    }
    progress.step('stored');
    return record;
  }
}
