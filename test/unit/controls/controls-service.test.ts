import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { activityOnDisk as activity, createTestWorkspace, DANA, testServices, refusal } from '../helpers/services';

const NOW = new Date('2026-11-26T10:00:00.000Z');
const CONTROL = 'iam-mfa-enforcement';

async function workspace() {
  return createTestWorkspace({ now: () => NOW });
}

const onDisk = (folder: string) => JSON.parse(readFileSync(join(folder, 'controls.json'), 'utf8')).controls;

const exclusion = {
  controlId: CONTROL,
  what: 'The break-glass user',
  reason: 'Sealed in the safe; MFA would lock us out',
  approvedBy: 'Dana Founder',
  expiresOn: '2027-03-31',
};

describe('control owner, status and notes', () => {
  it('sets and clears the owner, attributing each change to the person using the app', async () => {
    const { services, folder } = await workspace();
    const ivan = await services.team.add({ name: 'Ivan Infra', email: 'ivan@acme.example' });

    const assigned = await services.controls.setOwner(CONTROL, ivan.id);
    expect(assigned.state.ownerId).toBe(ivan.id);
    expect(assigned.state.updatedBy).toBe(DANA.email);
    expect(onDisk(folder)[CONTROL].ownerId).toBe(ivan.id);

    await services.controls.setOwner(CONTROL, null);
    expect(onDisk(folder)[CONTROL].ownerId).toBeNull();
    const summaries = activity(folder)
      .filter((e) => e.action === 'control.owner-set')
      .map((e) => e.summary);
    expect(summaries).toEqual([`Assigned ${CONTROL} to Ivan Infra`, `Removed the owner of ${CONTROL}`]);
  });

  it('refuses an owner who is not on the team, and changes nothing', async () => {
    const { services, folder } = await workspace();
    const error = await refusal(services.controls.setOwner(CONTROL, 'nobody-by-this-id'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('That person is not on the team.');
    expect(onDisk(folder)[CONTROL]).toBeUndefined();
  });

  it('saves the status and the notes, each with its activity entry', async () => {
    const { services, folder } = await workspace();
    await services.controls.setStatus(CONTROL, 'ready_for_review');
    await services.controls.setNotes(CONTROL, 'Enforced in Identity Center.');
    expect(onDisk(folder)[CONTROL]).toMatchObject({
      status: 'ready_for_review',
      notes: 'Enforced in Identity Center.',
      updatedAt: NOW.toISOString(),
    });
    const entries = activity(folder).filter((e) => e.target === `control:${CONTROL}`);
    expect(entries.map((e) => [e.action, e.summary])).toEqual([
      ['control.status-set', `Set ${CONTROL} to "Ready for review"`],
      ['control.notes-set', `Edited the notes of ${CONTROL}`],
    ]);
  });

  it('refuses a control the catalog does not have', async () => {
    const { services, folder } = await workspace();
    const error = await refusal(services.controls.setStatus('no-such-control', 'accepted'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('There is no control "no-such-control" in the catalog.');
    expect(onDisk(folder)).toEqual({});
  });
});

describe('exclusions', () => {
  it('records what, why, who approved and until when, and removes it again', async () => {
    const { services, folder } = await workspace();
    const added = await services.controls.addExclusion(exclusion);
    expect(added).toMatchObject({
      what: exclusion.what,
      reason: exclusion.reason,
      approvedBy: 'Dana Founder',
      expiresOn: '2027-03-31',
      createdBy: DANA.email,
      createdAt: NOW.toISOString(),
    });
    expect(onDisk(folder)[CONTROL].exclusions).toEqual([added]);

    await services.controls.removeExclusion(CONTROL, added.id);
    expect(onDisk(folder)[CONTROL].exclusions).toEqual([]);
    const entries = activity(folder).filter((e) => e.action.startsWith('control.exclusion'));
    expect(entries.map((e) => [e.action, e.summary])).toEqual([
      [
        'control.exclusion-added',
        `Excluded "The break-glass user" from ${CONTROL} until 2027-03-31 (approved by Dana Founder)`,
      ],
      ['control.exclusion-removed', `Removed the exclusion "The break-glass user" from ${CONTROL}`],
    ]);
    expect(entries[0].details).toEqual({ reason: exclusion.reason });
  });

  it('accepts an exclusion that expires today', async () => {
    const { services } = await workspace();
    expect((await services.controls.addExclusion({ ...exclusion, expiresOn: '2026-11-26' })).expiresOn).toBe(
      '2026-11-26',
    );
  });

  it('refuses an expiry in the past, names the field, and writes nothing', async () => {
    const { services, folder } = await workspace();
    const before = readFileSync(join(folder, 'controls.json'), 'utf8');
    const linesBefore = activity(folder).length;
    for (const expiresOn of ['1999-01-01', '2026-11-25']) {
      const error = await refusal(services.controls.addExclusion({ ...exclusion, expiresOn }));
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toBe(`Expires on: ${expiresOn} is in the past (today is 2026-11-26).`);
      expect(error.hint).toMatch(/today or later/);
    }
    expect(readFileSync(join(folder, 'controls.json'), 'utf8')).toBe(before);
    expect(activity(folder)).toHaveLength(linesBefore);
    expect(services.controls.states()[CONTROL]).toBeUndefined();
  });

  it('names a missing or malformed field as the form labels it', async () => {
    const { services } = await workspace();
    expect((await refusal(services.controls.addExclusion({ ...exclusion, reason: '  ' }))).message).toBe(
      'Reason: Reason is required',
    );
    expect((await refusal(services.controls.addExclusion({ ...exclusion, expiresOn: '31/03/2027' }))).message).toBe(
      'Expires on: Use the form YYYY-MM-DD',
    );
  });

  it('refuses an exclusion on an unknown control, and removing one that is gone', async () => {
    const { services, folder } = await workspace();
    expect((await refusal(services.controls.addExclusion({ ...exclusion, controlId: 'no-such-control' }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await refusal(services.controls.removeExclusion(CONTROL, 'gone'))).message).toBe(
      'That exclusion no longer exists.',
    );
    expect(onDisk(folder)).toEqual({});
  });
});

describe('changes by someone who has not said who they are', () => {
  it('are refused with IDENTITY_REQUIRED and leave the workspace as it was', async () => {
    const { services: first, folder } = await workspace();
    await first.workspaces.close();
    // Another computer opens the same folder: nobody has said who they are there.
    const { services } = testServices({ now: () => NOW });
    await services.workspaces.open(folder);
    const before = readFileSync(join(folder, 'controls.json'), 'utf8');

    const attempts = [
      () => services.controls.setStatus(CONTROL, 'accepted'),
      () => services.controls.setNotes(CONTROL, 'x'),
      () => services.controls.addExclusion(exclusion),
    ];
    for (const attempt of attempts) {
      const error = await refusal(attempt());
      expect(error.code).toBe('IDENTITY_REQUIRED');
      expect(error.hint).toMatch(/under Team/);
    }
    expect(readFileSync(join(folder, 'controls.json'), 'utf8')).toBe(before);
  });
});
