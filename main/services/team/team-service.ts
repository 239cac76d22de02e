import { randomUUID } from 'node:crypto';
import { Email, NonEmpty } from '../../../shared/domain/common';
import type { TeamMember } from '../../../shared/domain/team';
import { AppError } from '../../../shared/ipc/result';
import type { WorkspaceService } from '../workspace/workspace-service';
import { z } from 'zod';

const MemberFields = z.object({
  name: NonEmpty('Name', 120),
  email: Email,
  role: z.string().trim().max(80).default(''),
});

function parseMember(input: unknown) {
  const parsed = MemberFields.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError('INVALID_INPUT', `${issue?.path.join('.') || 'Member'}: ${issue?.message ?? 'invalid'}`, {
      hint: 'Correct the field and save again.',
    });
  }
  return parsed.data;
}

/** Teammates who own controls. Removing someone keeps their history in the activity log. */
export class TeamService {
  constructor(
    private readonly workspaces: WorkspaceService,
    private readonly now: () => Date,
  ) {}

  list(): TeamMember[] {
    return this.workspaces.require().team.members;
  }

  async add(input: { name: string; email: string; role?: string }): Promise<TeamMember> {
    const ws = this.workspaces.require();
    const fields = parseMember(input);
    if (ws.team.members.some((m) => m.email === fields.email)) {
      throw new AppError('CONFLICT', `${fields.email} is already on the team.`, {
        hint: 'Edit the existing member instead.',
      });
    }
    const member: TeamMember = { id: randomUUID(), ...fields, addedAt: this.now().toISOString() };
    await ws.change('team', (team) => ({ ...team, members: [...team.members, member] }), {
      action: 'team.member-added',
      target: `member:${member.id}`,
      summary: `Added ${member.name} <${member.email}>${member.role ? ` as ${member.role}` : ''}`,
    });
    return member;
  }

  async update(input: { id: string; name?: string; email?: string; role?: string }): Promise<TeamMember> {
    const ws = this.workspaces.require();
    const existing = ws.team.members.find((m) => m.id === input.id);
    if (!existing)
      throw new AppError('NOT_FOUND', 'That team member no longer exists.', { hint: 'Reload the team list.' });
    const fields = parseMember({
      name: input.name ?? existing.name,
      email: input.email ?? existing.email,
      role: input.role ?? existing.role,
    });
    if (ws.team.members.some((m) => m.id !== existing.id && m.email === fields.email)) {
      throw new AppError('CONFLICT', `${fields.email} is already on the team.`, {
        hint: 'Each teammate needs their own email address; use a different one.',
      });
    }
    const updated = { ...existing, ...fields };
    const editingMe = this.isMe(existing);
    try {
      await ws.change(
        'team',
        (team) => ({ ...team, members: team.members.map((m) => (m.id === existing.id ? updated : m)) }),
        {
          action: 'team.member-updated',
          target: `member:${existing.id}`,
          summary: `Updated ${updated.name} <${updated.email}>`,
        },
      );
    } finally {
      // Your identity follows your team entry, so later changes stay attributed to a teammate.
      // Checked against what was saved: the save can succeed while the activity log fails.
      if (editingMe && ws.team.members.some((m) => m.id === updated.id && m.email === updated.email)) {
        this.workspaces.setMe({ name: updated.name, email: updated.email });
      }
    }
    return updated;
  }

  async remove(id: string): Promise<void> {
    const ws = this.workspaces.require();
    const existing = ws.team.members.find((m) => m.id === id);
    if (!existing) throw new AppError('NOT_FOUND', 'That team member no longer exists.');
    if (this.isMe(existing)) {
      throw new AppError(
        'CONFLICT',
        `You cannot remove yourself (${existing.email}): your changes are attributed to you.`,
        {
          hint: 'Ask a teammate to remove you, or first say under "Who are you?" that someone else on the team is using this computer.',
        },
      );
    }
    // Refused rather than cleared: silently unowned controls would only show up later as gaps.
    const owned = Object.entries(ws.controls.controls)
      .filter(([, s]) => s.ownerId === id)
      .map(([cid]) => cid);
    if (owned.length) {
      const more = owned.length > 5 ? ` and ${owned.length - 5} more` : '';
      throw new AppError(
        'CONFLICT',
        `${existing.name} still owns ${owned.length === 1 ? '1 control' : `${owned.length} controls`}: ${owned.slice(0, 5).join(', ')}${more}. Nothing was removed.`,
        {
          hint: `Give those controls another owner (or none) on each control's page, then remove ${existing.name}. Their past changes stay in the activity log.`,
        },
      );
    }
    await ws.change('team', (team) => ({ ...team, members: team.members.filter((m) => m.id !== id) }), {
      action: 'team.member-removed',
      target: `member:${id}`,
      summary: `Removed ${existing.name} <${existing.email}> from the team`,
    });
  }

  private isMe(member: TeamMember): boolean {
    return this.workspaces.me()?.email.toLowerCase() === member.email.toLowerCase();
  }

  /** Registers the person using the app, and adds them to the open workspace's team. */
  async setIdentity(person: { name: string; email: string }): Promise<void> {
    const fields = parseMember(person);
    this.workspaces.setMe({ name: fields.name, email: fields.email });
    const ws = this.workspaces.current();
    if (ws && !ws.team.members.some((m) => m.email === fields.email))
      await this.add({ name: fields.name, email: fields.email });
  }
}
