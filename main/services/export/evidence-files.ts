import type { Finding } from '../../../shared/domain/findings';
import { latestFindingsPerAccount } from '../../../shared/rules/latest-run';
import { assertIntact, evidenceReader } from '../evidence/evidence-reader';
import type { BundleModel, ExportSource, ModelEvidence } from './bundle-model';

export interface LoadedFinding {
  evidence: ModelEvidence;
  /** Null when the file is not a findings document this version understands. */
  finding: Finding | null;
}

/**
 * The latest findings evidence of each check per account in scope, per control (older runs stay
 * in the evidence index; findings from accounts outside the scope are never a control's result).
 */
export function latestFindings(model: BundleModel): Map<string, ModelEvidence[]> {
  return new Map(
    model.controls.map((control) => [
      control.def.id,
      latestFindingsPerAccount(
        control.evidence.map((item) => ({ ...item.record, item })),
        model.scope.accounts,
      ).inScope.map((r) => r.item),
    ]),
  );
}

/**
 * The parsed latest findings per control, each file re-hashed in full first: the bundle states a
 * finding only from bytes that still match their record. A changed or missing file is refused.
 */
export async function loadFindings(model: BundleModel, source: ExportSource): Promise<Map<string, LoadedFinding[]>> {
  const reader = evidenceReader(source.evidence);
  const parsed = new Map<string, Finding | null>();
  const result = new Map<string, LoadedFinding[]>();
  for (const [controlId, items] of latestFindings(model)) {
    const loaded: LoadedFinding[] = [];
    for (const item of items) {
      if (!parsed.has(item.record.id)) {
        // An unparsable findings file is still shipped as evidence; only its summary is missing.
        const read = await reader.read(item.record, { fresh: true });
        assertIntact(read);
        parsed.set(item.record.id, read.finding);
      }
      loaded.push({ evidence: item, finding: parsed.get(item.record.id) ?? null });
    }
    result.set(controlId, loaded);
  }
  return result;
}
