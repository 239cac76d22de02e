import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import { controlById } from '../../../shared/catalog';
import type { EvidenceRecord } from '../../../shared/domain/evidence';
import type { ImportDetails, PickedFile } from '../../../shared/ipc/channels/evidence';
import { AppError } from '../../../shared/ipc/result';
import type { WorkspaceService } from '../workspace/workspace-service';
import { withWorkspaceTemp } from '../workspace/workspace-temp';
import { checkImportable, DEFAULT_IMPORT_MAX_BYTES, inspectImport, unreadable } from './import-validation';

export interface ImportServiceDeps {
  workspaces: WorkspaceService;
  /** The host's file picker; null when the person cancels. */
  pickFiles: () => Promise<string[] | null>;
  maxBytes?: number;
}

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
 * into the evidence store (temp name and rename), so a refused or failed import leaves
 * nothing behind. Picked paths stay in main; the renderer holds only tokens.
 */
export class ImportService {
  private readonly picked = new Map<string, { path: string; name: string }>();

  constructor(private readonly deps: ImportServiceDeps) {}

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
    return this.withSnapshot(
      (snapshot) => fs.writeFile(snapshot, bytes, { mode: 0o600 }),
      name,
      details,
      via === 'drop' ? 'drag and drop' : 'clipboard paste',
    );
  }

  async importFile(path: string, name: string, details: ImportDetails, via: string): Promise<EvidenceRecord> {
    // Refuse what cannot or should not be imported before copying a byte of it.
    await checkImportable(path, name, this.maxBytes);
    const copy = (snapshot: string) =>
      fs.copyFile(path, snapshot).catch(() => {
        throw unreadable(name);
      });
    return this.withSnapshot(copy, name, details, via);
  }

  private async withSnapshot(
    write: (snapshot: string) => Promise<void>,
    name: string,
    details: ImportDetails,
    via: string,
  ): Promise<EvidenceRecord> {
    const ws = this.deps.workspaces.require();
    ws.actor();
    checkControlIds(details.controlIds);
    // The snapshot is the audit's content: it stays inside the workspace (see workspace-temp.ts).
    return withWorkspaceTemp(ws.root, async (dir) => {
      const snapshot = join(dir, 'file');
      await write(snapshot);
      return this.store(snapshot, name, details, via);
    });
  }

  private async store(path: string, name: string, details: ImportDetails, via: string): Promise<EvidenceRecord> {
    const ws = this.deps.workspaces.require();
    const actor = ws.actor();
    const file = await inspectImport(path, name, this.maxBytes);
    const record = await ws.evidence.addFile(path, {
      title: details.title,
      kind: file.kind,
      mediaType: file.mediaType,
      fileName: `${slug(details.title)}-${details.effectiveDate}${file.extension}`,
      controlIds: details.controlIds,
      source: { type: 'import', originalName: name },
      effectiveDate: details.effectiveDate,
      capturedBy: actor,
      meta: { importedVia: via, ...(file.formulaCells ? { formulaCells: file.formulaCells } : {}) },
    });
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
    return record;
  }
}
