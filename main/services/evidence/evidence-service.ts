import { promises as fs } from 'node:fs';
import type { EvidenceIntegrity, EvidenceKind, EvidenceRecord } from '../../../shared/domain/evidence';
import { VIEWER_LIMITS, type EvidenceContent, type EvidenceItem, type EvidenceProvenance } from '../../../shared/ipc/channels/evidence';
import { integrityError } from './evidence-store';
import type { OpenWorkspace } from '../workspace/open-workspace';
import type { WorkspaceService } from '../workspace/workspace-service';

interface Checked {
  stamp: string;
  integrity: EvidenceIntegrity;
  at: string;
}

export interface EvidenceFilter {
  controlId?: string;
  kind?: EvidenceKind;
  integrity?: EvidenceIntegrity;
}

const TEXT_TYPES = new Set(['text/plain', 'text/csv', 'application/json']);

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

  private async check(ws: OpenWorkspace, record: EvidenceRecord): Promise<Checked> {
    let cache = this.checked.get(ws);
    if (!cache) this.checked.set(ws, (cache = new Map()));
    const stat = await fs.stat(ws.evidence.filePath(record.sha256)).catch(() => null);
    const stamp = stat ? `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}` : 'missing';
    const known = cache.get(record.sha256);
    if (known && known.stamp === stamp) return known;
    const result: Checked = { stamp, integrity: stat ? await ws.evidence.verify(record) : 'missing', at: this.now().toISOString() };
    cache.set(record.sha256, result);
    return result;
  }

  async list(filter: EvidenceFilter = {}): Promise<EvidenceItem[]> {
    const ws = this.workspaces.require();
    const records = (await ws.evidence.list()).filter(
      (r) => (!filter.controlId || r.controlIds.includes(filter.controlId)) && (!filter.kind || r.kind === filter.kind),
    );
    const items = await Promise.all(records.map(async (r) => ({ ...r, integrity: (await this.check(ws, r)).integrity })));
    return items.filter((i) => !filter.integrity || i.integrity === filter.integrity).reverse();
  }

  async item(id: string): Promise<EvidenceItem> {
    const ws = this.workspaces.require();
    const record = await ws.evidence.get(id);
    return { ...record, integrity: (await this.check(ws, record)).integrity };
  }

  async provenance(id: string): Promise<EvidenceProvenance> {
    const ws = this.workspaces.require();
    const record = await ws.evidence.get(id);
    // Provenance always re-hashes: it is where a person goes to confirm the file still matches.
    this.checked.get(ws)?.delete(record.sha256);
    const checked = await this.check(ws, record);
    const { entries } = await ws.activity.read();
    return {
      item: { ...record, integrity: checked.integrity },
      checkedAt: checked.at,
      activity: entries.filter((e) => e.details?.evidenceId === id || e.target === `evidence:${id}`),
    };
  }

  /** The file for the viewer, verified against its hash first; a changed file is refused. */
  async content(id: string): Promise<EvidenceContent> {
    const ws = this.workspaces.require();
    const record = await ws.evidence.get(id);
    const base = { id, mediaType: record.mediaType, size: record.size };
    if (record.mediaType.startsWith('image/') && record.size <= VIEWER_LIMITS.imageBytes) {
      return { ...base, encoding: 'base64', data: (await ws.evidence.read(record)).toString('base64'), truncated: false };
    }
    if (TEXT_TYPES.has(record.mediaType)) {
      const bytes = await ws.evidence.read(record);
      const truncated = bytes.length > VIEWER_LIMITS.textBytes;
      return { ...base, encoding: 'text', data: bytes.subarray(0, VIEWER_LIMITS.textBytes).toString('utf8'), truncated };
    }
    const integrity = await ws.evidence.verify(record);
    if (integrity !== 'ok') throw integrityError(record, integrity);
    return { ...base, encoding: 'none', data: '', truncated: false };
  }
}
