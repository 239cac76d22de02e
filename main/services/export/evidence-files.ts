import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import type { EvidenceRecord } from '../../../shared/domain/evidence';
import { Finding } from '../../../shared/domain/findings';
import { integrityError } from '../evidence/evidence-store';
import type { BundleModel, ExportSource, ModelEvidence } from './bundle-model';

/** Reads a small evidence file whole, refusing it when it no longer matches its recorded hash. */
export async function readVerified(source: ExportSource, record: EvidenceRecord): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(source.evidence.filePath(record.sha256));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw integrityError(record, 'missing');
    throw error;
  }
  if (createHash('sha256').update(bytes).digest('hex') !== record.sha256) throw integrityError(record, 'tampered');
  return bytes;
}

export interface LoadedFinding {
  evidence: ModelEvidence;
  /** Null when the file is not a findings document this version understands. */
  finding: Finding | null;
}

/** The latest findings evidence of each check, per control (older runs stay in the evidence index). */
export function latestFindings(model: BundleModel): Map<string, ModelEvidence[]> {
  const result = new Map<string, ModelEvidence[]>();
  for (const control of model.controls) {
    const latest = new Map<string, ModelEvidence>();
    for (const item of control.evidence) {
      if (item.record.kind !== 'findings') continue;
      const key = item.record.checkId ?? item.record.id;
      const seen = latest.get(key);
      if (!seen || seen.record.capturedAt < item.record.capturedAt) latest.set(key, item);
    }
    result.set(control.def.id, [...latest.values()]);
  }
  return result;
}

export async function loadFindings(model: BundleModel, source: ExportSource): Promise<Map<string, LoadedFinding[]>> {
  const parsed = new Map<string, Finding | null>();
  const result = new Map<string, LoadedFinding[]>();
  for (const [controlId, items] of latestFindings(model)) {
    const loaded: LoadedFinding[] = [];
    for (const item of items) {
      if (!parsed.has(item.record.id)) {
        const bytes = await readVerified(source, item.record);
        let json: unknown = null;
        try {
          json = JSON.parse(bytes.toString('utf8'));
        } catch {
          // An unparsable findings file is still shipped as evidence; only its summary is missing.
        }
        const check = Finding.safeParse(json);
        parsed.set(item.record.id, check.success ? check.data : null);
      }
      loaded.push({ evidence: item, finding: parsed.get(item.record.id) ?? null });
    }
    result.set(controlId, loaded);
  }
  return result;
}
