import { randomUUID } from 'node:crypto';
import { controlById } from '../../../shared/catalog';
import {
  ControlStatus,
  defaultControlState,
  Exclusion,
  STATUS_LABELS,
  type ControlState,
} from '../../../shared/domain/control-state';
import type { ControlStateView } from '../../../shared/ipc/channels/controls';
import { AppError } from '../../../shared/ipc/result';
import type { WorkspaceService } from '../workspace/workspace-service';

/** The labels the control page shows, so a refused field is named as people see it. */
const EXCLUSION_FIELDS: Record<string, string> = {
  what: 'What is excluded',
  reason: 'Reason',
  approvedBy: 'Approved by',
  expiresOn: 'Expires on',
};

/**
 * A control's saved state, or the default. Own properties only: an id such as `constructor`
 * must never read `Object.prototype` off the record.
 */
const stateOf = (states: Record<string, ControlState>, controlId: string): ControlState =>
  Object.hasOwn(states, controlId) ? states[controlId]! : defaultControlState();

/** Owner, status, notes and exclusions of the catalog's controls in the open workspace. */
export class ControlsService {
  constructor(
    private readonly workspaces: WorkspaceService,
    private readonly now: () => Date,
  ) {}

  states(): Record<string, ControlState> {
    return this.workspaces.require().controls.controls;
  }

  async setOwner(controlId: string, ownerId: string | null): Promise<ControlStateView> {
    requireCatalogControl(controlId);
    const ws = this.workspaces.require();
    const member = ownerId === null ? null : ws.team.members.find((m) => m.id === ownerId);
    if (ownerId !== null && !member)
      throw new AppError('NOT_FOUND', 'That person is not on the team.', { hint: 'Add them under Team first.' });
    return this.update(controlId, (s) => ({ ...s, ownerId }), {
      action: 'control.owner-set',
      summary: member ? `Assigned ${controlId} to ${member.name}` : `Removed the owner of ${controlId}`,
    });
  }

  async setStatus(controlId: string, status: ControlStatus): Promise<ControlStateView> {
    return this.update(controlId, (s) => ({ ...s, status }), {
      action: 'control.status-set',
      summary: `Set ${controlId} to "${STATUS_LABELS[status]}"`,
    });
  }

  async setNotes(controlId: string, notes: string): Promise<ControlStateView> {
    return this.update(controlId, (s) => ({ ...s, notes }), {
      action: 'control.notes-set',
      summary: `Edited the notes of ${controlId}`,
    });
  }

  async addExclusion(input: {
    controlId: string;
    what: string;
    reason: string;
    approvedBy: string;
    expiresOn: string;
  }) {
    requireCatalogControl(input.controlId);
    const ws = this.workspaces.require();
    const parsed = Exclusion.safeParse({
      ...input,
      id: randomUUID(),
      createdAt: this.now().toISOString(),
      createdBy: ws.actor().email,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = EXCLUSION_FIELDS[String(issue?.path[0])] ?? issue?.path.join('.');
      throw new AppError('INVALID_INPUT', `${field}: ${issue?.message}`, {
        hint: 'Every exclusion needs what, why, who approved it and until when.',
      });
    }
    // Compared in UTC, as the control page marks an exclusion expired.
    const today = this.now().toISOString().slice(0, 10);
    if (parsed.data.expiresOn < today) {
      throw new AppError('INVALID_INPUT', `Expires on: ${parsed.data.expiresOn} is in the past (today is ${today}).`, {
        hint: 'Enter the date until which the exclusion is approved, today or later. An exclusion that has already expired excuses nothing.',
      });
    }
    await this.update(input.controlId, (s) => ({ ...s, exclusions: [...s.exclusions, parsed.data] }), {
      action: 'control.exclusion-added',
      summary: `Excluded "${parsed.data.what}" from ${input.controlId} until ${parsed.data.expiresOn} (approved by ${parsed.data.approvedBy})`,
      details: { reason: parsed.data.reason },
    });
    return parsed.data;
  }

  async removeExclusion(controlId: string, exclusionId: string): Promise<ControlStateView> {
    requireCatalogControl(controlId);
    const current = stateOf(this.states(), controlId);
    const exclusion = current.exclusions.find((e) => e.id === exclusionId);
    if (!exclusion) throw new AppError('NOT_FOUND', 'That exclusion no longer exists.');
    return this.update(controlId, (s) => ({ ...s, exclusions: s.exclusions.filter((e) => e.id !== exclusionId) }), {
      action: 'control.exclusion-removed',
      summary: `Removed the exclusion "${exclusion.what}" from ${controlId}`,
    });
  }

  private async update(
    controlId: string,
    change: (state: ControlState) => ControlState,
    activity: { action: string; summary: string; details?: Record<string, unknown> },
  ): Promise<ControlStateView> {
    requireCatalogControl(controlId);
    const ws = this.workspaces.require();
    const actor = ws.actor();
    const doc = await ws.change(
      'controls',
      (d) => {
        const next = change(stateOf(d.controls, controlId));
        return {
          ...d,
          controls: {
            ...d.controls,
            [controlId]: { ...next, updatedAt: this.now().toISOString(), updatedBy: actor.email },
          },
        };
      },
      { ...activity, target: `control:${controlId}` },
    );
    return { controlId, state: stateOf(doc.controls, controlId) };
  }
}

/** Checked before any lookup by id, so only catalog ids ever index a workspace record. */
function requireCatalogControl(controlId: string): void {
  if (!controlById(controlId)) throw new AppError('NOT_FOUND', `There is no control "${controlId}" in the catalog.`);
}
