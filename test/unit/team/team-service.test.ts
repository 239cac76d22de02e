import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activityOnDisk as activity, createTestWorkspace, DANA, refusal } from '../helpers/services';

const teamOnDisk = (folder: string) =>
  JSON.parse(readFileSync(join(folder, 'team.json'), 'utf8')).members as {
    id: string;
    name: string;
    email: string;
    role: string;
  }[];

async function withIvan() {
  const ctx = await createTestWorkspace();
  const ivan = await ctx.services.team.add({ name: 'Ivan Infra', email: 'ivan@acme.example', role: 'Infrastructure' });
  const dana = ctx.services.team.list().find((m) => m.email === DANA.email)!;
  return { ...ctx, ivan, dana };
}

describe('adding and editing teammates', () => {
  it('adds a teammate to team.json and the activity log', async () => {
    const { folder, ivan } = await withIvan();
    expect(teamOnDisk(folder).map((m) => m.email)).toEqual([DANA.email, 'ivan@acme.example']);
    expect(activity(folder).at(-1)).toMatchObject({
      action: 'team.member-added',
      target: `member:${ivan.id}`,
      summary: 'Added Ivan Infra <ivan@acme.example> as Infrastructure',
    });
  });

  it('refuses a second member with an email already on the team, whatever its case', async () => {
    const { services, folder, ivan } = await withIvan();
    const added = await refusal(services.team.add({ name: 'Ivan Again', email: 'IVAN@acme.example' }));
    expect(added.code).toBe('CONFLICT');
    expect(added.message).toBe('ivan@acme.example is already on the team.');
    const edited = await refusal(services.team.update({ id: ivan.id, email: 'Dana@Acme.example' }));
    expect(edited.code).toBe('CONFLICT');
    expect(edited.message).toBe('dana@acme.example is already on the team.');
    expect(teamOnDisk(folder).map((m) => m.email)).toEqual([DANA.email, 'ivan@acme.example']);
  });

  it('names a bad field and saves nothing', async () => {
    const { services, folder, ivan } = await withIvan();
    const error = await refusal(services.team.update({ id: ivan.id, email: 'not-an-email' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('email: Enter an email address like name@company.com');
    expect(teamOnDisk(folder).find((m) => m.id === ivan.id)?.email).toBe('ivan@acme.example');
  });

  it('editing a teammate leaves the identity of the person using the app alone', async () => {
    const { services, ivan } = await withIvan();
    await services.team.update({ id: ivan.id, email: 'ivan.infra@acme.example' });
    expect(services.workspaces.me()).toEqual(DANA);
  });
});

describe('editing your own entry', () => {
  it('moves your identity along, so assigned-to-me and attribution keep matching a teammate', async () => {
    const { services, folder, dana } = await withIvan();
    await services.controls.setOwner('iam-root-account', dana.id);

    await services.team.update({ id: dana.id, name: 'Dana Okafor', email: 'dana.okafor@acme.example' });

    expect(services.workspaces.me()).toEqual({ name: 'Dana Okafor', email: 'dana.okafor@acme.example' });
    const snapshot = services.workspaces.snapshot();
    expect(snapshot.meMemberId).toBe(dana.id);
    expect(services.controls.states()['iam-root-account']?.ownerId).toBe(snapshot.meMemberId);

    await services.controls.setStatus('iam-root-account', 'in_progress');
    expect(activity(folder).at(-1)).toMatchObject({
      action: 'control.status-set',
      actor: { name: 'Dana Okafor', email: 'dana.okafor@acme.example' },
    });
    expect(teamOnDisk(folder).map((m) => m.email)).toContain(activity(folder).at(-1).actor.email);
  });

  it('keeps your identity when the edit is refused', async () => {
    const { services, dana } = await withIvan();
    await refusal(services.team.update({ id: dana.id, email: 'ivan@acme.example' }));
    expect(services.workspaces.me()).toEqual(DANA);
  });
});

describe('removing teammates', () => {
  it('removes a teammate and logs it', async () => {
    const { services, folder, ivan } = await withIvan();
    await services.team.remove(ivan.id);
    expect(teamOnDisk(folder).map((m) => m.email)).toEqual([DANA.email]);
    expect(activity(folder).at(-1)).toMatchObject({
      action: 'team.member-removed',
      summary: 'Removed Ivan Infra <ivan@acme.example> from the team',
      actor: DANA,
    });
  });

  it('refuses to remove yourself and says what to do instead', async () => {
    const { services, folder, dana } = await withIvan();
    const error = await refusal(services.team.remove(dana.id));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('You cannot remove yourself (dana@acme.example): your changes are attributed to you.');
    expect(error.hint).toMatch(/^Ask a teammate to remove you, or /);
    expect(teamOnDisk(folder).map((m) => m.id)).toContain(dana.id);
  });

  it('lets a teammate remove you once they are the one using the app', async () => {
    const { services, folder, dana } = await withIvan();
    await services.team.setIdentity({ name: 'Ivan Infra', email: 'ivan@acme.example' });
    await services.team.remove(dana.id);
    expect(teamOnDisk(folder).map((m) => m.email)).toEqual(['ivan@acme.example']);
  });

  it('refuses to remove someone who still owns controls, naming them, and removes them once reassigned', async () => {
    const { services, folder, ivan } = await withIvan();
    const owned = [
      'iam-root-account',
      'iam-mfa-enforcement',
      'iam-password-policy',
      'iam-access-key-rotation',
      'iam-least-privilege',
      'access-reviews',
      'incident-response',
    ];
    for (const id of owned) await services.controls.setOwner(id, ivan.id);

    const error = await refusal(services.team.remove(ivan.id));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      'Ivan Infra still owns 7 controls: iam-root-account, iam-mfa-enforcement, iam-password-policy, iam-access-key-rotation, iam-least-privilege and 2 more. Nothing was removed.',
    );
    expect(error.hint).toMatch(/^Give those controls another owner \(or none\)/);
    expect(teamOnDisk(folder).map((m) => m.id)).toContain(ivan.id);

    for (const id of owned) await services.controls.setOwner(id, null);
    await services.team.remove(ivan.id);
    expect(teamOnDisk(folder).map((m) => m.id)).not.toContain(ivan.id);
  });
});
