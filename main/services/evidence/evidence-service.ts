import { promises as fs } from 'node:fs';
import type { EvidenceKind, EvidenceRecord, ListedIntegrity } from '../../../shared/domain/evidence';
import {
  VIEWER_LIMITS,
  type EvidenceContent,
  type EvidenceItem,
  type EvidenceProvenance,
} from '../../../shared/ipc/channels/evidence';
import { AppError } from '../../../shared/ipc/result';
import { mapLimit } from '../map-limit';
import { integrityError } from './evidence-store';
import type { OpenWorkspace } from '../workspace/open-workspace';
import type { WorkspaceService } from '../workspace/workspace-service';

interface Checked {
  stamp: string;
  integrity: ListedIntegrity;
  readError?: string;
  at: string;
}

export interface EvidenceFilter {
  controlId?: string;
  kind?: EvidenceKind;
  integrity?: ListedIntegrity;
}

/** Files re-hashed at once: a library of thousands must not exhaust the process's file descriptors (EMFILE). */
export const HASH_CONCURRENCY = 8;

const TEXT_TYPES = new Set(['text/plain', 'text/csv', 'application/json']);

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

/**
 * Evidence as every feature reads it: records with the integrity of their files. A file is
 * re-hashed the first time it is seen and whenever its size, mtime or ctime change (ctime
 * cannot be set back by hand), so a changed or deleted file is reported, never accepted.
 */
export class EvidenceService {
  private readonly checked = new WeakMap<OpenWorkspace, Map<string, Checked>>();

  constructor(
    private readonly workspaces: WorkspaceService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * A file that cannot be read (permissions, EMFILE, a directory in its place) is reported on
   * its own item as `unreadable` with the reason, and not cached, so the next read tries again.
   */
  private async check(ws: OpenWorkspace, record: EvidenceRecord): Promise<Checked> {
    let cache = this.checked.get(ws);
    if (!cache) this.checked.set(ws, (cache = new Map()));
    const at = this.now().toISOString();
    let stamp = 'missing';
    try {
      const stat = await fs.stat(ws.evidence.filePath(record.sha256));
      stamp = `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') return { stamp, integrity: 'unreadable', readError: errorCode(error), at };
    }
    const known = cache.get(record.sha256);
    if (known && known.stamp === stamp) return known;
    let integrity: ListedIntegrity;
    try {
      integrity = stamp === 'missing' ? 'missing' : await ws.evidence.verify(record);
    } catch (error) {
      return { stamp, integrity: 'unreadable', readError: errorCode(error), at };
    }
    const result: Checked = { stamp, integrity, at };
    cache.set(record.sha256, result);
    return result;
  }

  private async itemOf(ws: OpenWorkspace, record: EvidenceRecord): Promise<{ item: EvidenceItem; checkedAt: string }> {
    const { integrity, readError, at } = await this.check(ws, record);
    return { item: { ...record, integrity, ...(readError ? { readError } : {}) }, checkedAt: at };
  }

  async list(filter: EvidenceFilter = {}): Promise<EvidenceItem[]> {
    const ws = this.workspaces.require();
    const records = (await ws.evidence.list()).filter(
      (r) => (!filter.controlId || r.controlIds.includes(filter.controlId)) && (!filter.kind || r.kind === filter.kind),
    );
    const items = await mapLimit(records, HASH_CONCURRENCY, async (r) => (await this.itemOf(ws, r)).item);
    return items.filter((i) => !filter.integrity || i.integrity === filter.integrity).reverse();
  }

  async item(id: string): Promise<EvidenceItem> {
    const ws = this.workspaces.require();
    return (await this.itemOf(ws, await ws.evidence.get(id))).item;
  }

  async provenance(id: string): Promise<EvidenceProvenance> {
    const ws = this.workspaces.require();
    const record = await ws.evidence.get(id);
    // Provenance always re-hashes: it is where a person goes to confirm the file still matches.
    this.checked.get(ws)?.delete(record.sha256);
    const { item, checkedAt } = await this.itemOf(ws, record);
    const { entries } = await ws.activity.read();
    return {
      item,
      checkedAt,
      activity: entries.filter((e) => e.details?.evidenceId === id || e.target === `evidence:${id}`),
    };
  }

  /** The file for the viewer, verified against its hash first; a changed or unreadable file is refused with the reason. */
  async content(id: string): Promise<EvidenceContent> {
    const ws = this.workspaces.require();
    const record = await ws.evidence.get(id);
    try {
      return await this.verifiedContent(ws, record);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError(
        'EVIDENCE_UNREADABLE',
        `Evidence "${record.title}" (${record.id}) could not be read (${errorCode(error)}), so it was not checked and is not shown.`,
        {
          hint: 'Check that you may read the workspace folder and its evidence files, then open the evidence again.',
          details: { evidenceId: record.id, sha256: record.sha256 },
        },
      );
    }
  }

  private async verifiedContent(ws: OpenWorkspace, record: EvidenceRecord): Promise<EvidenceContent> {
    const base = { id: record.id, mediaType: record.mediaType, size: record.size };
    if (record.mediaType.startsWith('image/') && record.size <= VIEWER_LIMITS.imageBytes) {
      return {
        ...base,
        encoding: 'base64',
        data: (await ws.evidence.read(record)).toString('base64'),
        truncated: false,
      };
    }
    if (TEXT_TYPES.has(record.mediaType)) {
      const bytes = await ws.evidence.read(record);
      const truncated = bytes.length > VIEWER_LIMITS.textBytes;
      return {
        ...base,
        encoding: 'text',
        data: bytes.subarray(0, VIEWER_LIMITS.textBytes).toString('utf8'),
        truncated,
      };
    }
    const integrity = await ws.evidence.verify(record);
    if (integrity !== 'ok') throw integrityError(record, integrity);
    return { ...base, encoding: 'none', data: '', truncated: false };
  }
}
