import { controlById, CONTROLS } from '../../../shared/catalog';
import type { EvidenceRequestMarks } from '../../../shared/domain/evidence-requests';
import type { EvidenceItem } from '../../../shared/ipc/channels/evidence';
import type { EvidenceRequestView, EvidenceRequestsView } from '../../../shared/ipc/channels/evidence-requests';
import { AppError } from '../../../shared/ipc/result';
import { controlsInScope } from '../../../shared/rules/coverage';
import {
  catalogRequests,
  marksOf,
  requestStandings,
  type CatalogRequest,
  type RequestEvidence,
} from '../../../shared/rules/evidence-requests';
import type { EvidenceService } from '../evidence/evidence-service';
import type { WorkspaceService } from '../workspace/workspace-service';

/** Withdrawn, retired or damaged evidence provides nothing. */
export const requestEvidenceOf = (item: EvidenceItem): RequestEvidence => ({
  id: item.id,
  title: item.title,
  capturedAt: item.capturedAt,
  ...(item.meta ? { meta: item.meta } : {}),
  usable: !item.recordStatus && !item.recordProblem && item.integrity === 'ok',
});

const ALL_REQUESTS = new Map(catalogRequests(CONTROLS).map((r) => [r.id, r]));

/**
 * The catalog's own evidence requests (guided screenshots, documents): where each stands, worked
 * out from the evidence, and the decisions people record about them in evidence-requests.json.
 */
export class EvidenceRequestsService {
  constructor(private readonly deps: { workspaces: WorkspaceService; evidence: EvidenceService; now: () => Date }) {}

  async list(controlId?: string): Promise<EvidenceRequestsView> {
    const ws = this.deps.workspaces.require();
    const controls = controlId ? [this.control(controlId)] : controlsInScope(ws.meta.categories, CONTROLS);
    const evidence = (await this.deps.evidence.list()).map(requestEvidenceOf);
    const { requests, counts } = requestStandings(controls, ws.evidenceRequests, evidence);
    const missing = new Map<string, number>();
    for (const r of requests)
      if (r.standing.state === 'missing')
        for (const id of r.controlIds)
          if (controls.some((c) => c.id === id)) missing.set(id, (missing.get(id) ?? 0) + 1);
    return {
      requests: requests.map((r) => ({ ...r, linkedEvidenceIds: marksOf(ws.evidenceRequests, r.id).evidenceIds })),
      counts,
      missingByControl: [...missing]
        .map(([id, n]) => ({ controlId: id, title: controlById(id)?.title ?? id, missing: n }))
        .sort((a, b) => b.missing - a.missing || a.controlId.localeCompare(b.controlId)),
    };
  }

  async markNotApplicable(requestId: string, reason: string): Promise<EvidenceRequestView> {
    const request = this.request(requestId);
    const ws = this.deps.workspaces.require();
    const by = ws.actor();
    await this.update(request, (m) => ({ ...m, notApplicable: { reason, by, at: this.deps.now().toISOString() } }), {
      action: 'evidence-request.not-applicable',
      summary: `Marked "${request.title}" (${request.id}) not applicable: ${reason}`,
      details: { requestId, reason },
    });
    return this.view(requestId);
  }

  async undoNotApplicable(requestId: string): Promise<EvidenceRequestView> {
    const request = this.request(requestId);
    const before = marksOf(this.deps.workspaces.require().evidenceRequests, requestId).notApplicable;
    if (!before) throw new AppError('CONFLICT', `"${request.title}" (${requestId}) is not marked not applicable.`);
    await this.update(request, (m) => ({ ...m, notApplicable: null }), {
      action: 'evidence-request.applicable-again',
      summary: `"${request.title}" (${request.id}) applies again (it was marked not applicable by ${before.by.name}: ${before.reason})`,
      details: { requestId, previous: before },
    });
    return this.view(requestId);
  }

  async link(requestId: string, evidenceId: string): Promise<EvidenceRequestView> {
    const request = this.request(requestId);
    const item = await this.deps.evidence.item(evidenceId);
    const marks = marksOf(this.deps.workspaces.require().evidenceRequests, requestId);
    if (!marks.evidenceIds.includes(evidenceId))
      await this.update(request, (m) => ({ ...m, evidenceIds: [...m.evidenceIds, evidenceId] }), {
        action: 'evidence-request.linked',
        summary: `Linked "${item.title}" (${evidenceId}) as provided for "${request.title}" (${request.id})`,
        details: { requestId, evidenceId },
      });
    return this.view(requestId);
  }

  async unlink(requestId: string, evidenceId: string): Promise<EvidenceRequestView> {
    const request = this.request(requestId);
    const marks = marksOf(this.deps.workspaces.require().evidenceRequests, requestId);
    if (marks.evidenceIds.includes(evidenceId))
      await this.update(request, (m) => ({ ...m, evidenceIds: m.evidenceIds.filter((id) => id !== evidenceId) }), {
        action: 'evidence-request.unlinked',
        summary: `Unlinked ${evidenceId} from "${request.title}" (${request.id})`,
        details: { requestId, evidenceId },
      });
    return this.view(requestId);
  }

  private async view(requestId: string): Promise<EvidenceRequestView> {
    const request = this.request(requestId);
    const all = await this.list(request.controlIds[0]);
    return all.requests.find((r) => r.id === requestId)!;
  }

  private update(
    request: CatalogRequest,
    change: (marks: EvidenceRequestMarks) => EvidenceRequestMarks,
    activity: { action: string; summary: string; details: Record<string, unknown> },
  ) {
    return this.deps.workspaces.require().change(
      'evidenceRequests',
      (doc) => ({ ...doc, requests: { ...doc.requests, [request.id]: change(marksOf(doc, request.id)) } }),
      // The first control that lists it: its page's activity shows the decision.
      { ...activity, target: `control:${request.controlIds[0]}` },
    );
  }

  private request(requestId: string): CatalogRequest {
    const request = ALL_REQUESTS.get(requestId);
    if (!request) throw new AppError('NOT_FOUND', `The catalog has no screenshot or document request ${requestId}.`);
    return request;
  }

  private control(controlId: string) {
    const control = controlById(controlId);
    if (!control) throw new AppError('NOT_FOUND', `There is no control ${controlId} in the catalog.`);
    return control;
  }
}
