import type { EvidenceKind, EvidenceRecord, ListedIntegrity } from '../../../shared/domain/evidence';
import {
  VIEWER_LIMITS,
  type EvidenceContent,
  type EvidenceItem,
  type EvidenceProvenance,
} from '../../../shared/ipc/channels/evidence';
import { AppError } from '../../../shared/ipc/result';
import { assertIntact, evidenceReader, type ReadEvidence } from './evidence-reader';
import type { OpenWorkspace } from '../workspace/open-workspace';
import type { WorkspaceService } from '../workspace/workspace-service';

export interface EvidenceFilter {
  controlId?: string;
  kind?: EvidenceKind;
  integrity?: ListedIntegrity;
}

const TEXT_TYPES = new Set(['text/plain', 'text/csv', 'application/json']);

const errorCode = (error: unknown): string => (error as NodeJS.ErrnoException).code ?? (error as Error).message;

const itemOf = (read: ReadEvidence): EvidenceItem => ({
  ...read.record,
  integrity: read.integrity,
  ...(read.readError ? { readError: read.readError } : {}),
});

/**
 * Evidence as the Evidence screen shows it, read through the one evidence reader: a file is
 * re-hashed when it changed (size, mtime, ctime or inode), so a changed or deleted file is
 * reported, never accepted. A file that cannot be read is `unreadable` with the reason.
 */
export class EvidenceService {
  constructor(
    private readonly workspaces: WorkspaceService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private reader(ws: OpenWorkspace) {
    return evidenceReader(ws.evidence, this.now);
  }

  async list(filter: EvidenceFilter = {}): Promise<EvidenceItem[]> {
    const ws = this.workspaces.require();
    const records = (await ws.evidence.list()).filter(
      (r) => (!filter.controlId || r.controlIds.includes(filter.controlId)) && (!filter.kind || r.kind === filter.kind),
    );
    const items = (await this.reader(ws).readAll(records)).map(itemOf);
    return items.filter((i) => !filter.integrity || i.integrity === filter.integrity).reverse();
  }

  async item(id: string): Promise<EvidenceItem> {
    const ws = this.workspaces.require();
    return itemOf(await this.reader(ws).read(await ws.evidence.get(id)));
  }

  async provenance(id: string): Promise<EvidenceProvenance> {
    const ws = this.workspaces.require();
    const record = await ws.evidence.get(id);
    // Provenance always re-hashes: it is where a person goes to confirm the file still matches.
    const read = await this.reader(ws).read(record, { fresh: true });
    const { entries } = await ws.activity.read();
    return {
      item: itemOf(read),
      checkedAt: read.checkedAt,
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
        data: (await this.reader(ws).bytes(record)).toString('base64'),
        truncated: false,
      };
    }
    if (TEXT_TYPES.has(record.mediaType)) {
      const bytes = await this.reader(ws).bytes(record);
      const truncated = bytes.length > VIEWER_LIMITS.textBytes;
      return {
        ...base,
        encoding: 'text',
        data: bytes.subarray(0, VIEWER_LIMITS.textBytes).toString('utf8'),
        truncated,
      };
    }
    assertIntact(await this.reader(ws).read(record, { fresh: true }));
    return { ...base, encoding: 'none', data: '', truncated: false };
  }
}
