import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { iamScenario, TROUBLED_ACCOUNT } from '../../../main/sandbox/aws-endpoint/scenarios/iam';
import {
  sampleIdentityCenter,
  withIdentityCenter,
} from '../../../main/sandbox/aws-endpoint/scenarios/identity-center-sample';
import { isOwnAccess } from '../../../shared/rules/access/review-rules';
import { checksHarness } from '../iam/iam-harness';
import { DANA, refusal } from '../helpers/services';

/**
 * A reviewer removed from the team mid-review, on the real services (the population read from
 * the local AWS endpoint by the real SDK clients): the review names them and the rows only they
 * reviewed, their decision is refused (as is one from anyone not assigned), nothing changes, and
 * sign-off is refused until the rows are reassigned.
 */

let endpoint: AwsEndpoint;
beforeAll(async () => {
  endpoint = await startAwsEndpoint({
    scenario: withIdentityCenter(iamScenario(new Date()), sampleIdentityCenter(TROUBLED_ACCOUNT, 'us-east-1')),
  });
});
afterAll(() => endpoint.close());

describe('a reviewer removed from the team mid-review', () => {
  it('is named with the rows only they reviewed; their decisions and strangers’ are refused; sign-off waits for reassignment', async () => {
    const { services, folder } = await checksHarness(endpoint.url);
    await services.team.add({ name: 'Sam Engineer', email: 'sam@acme.example', role: 'Engineer' });
    await services.team.add({ name: 'Lee Ops', email: 'lee.ops@acme.example', role: 'Ops' });
    const members = services.workspaces.require().team.members;
    const dana = members.find((m) => m.email === DANA.email)!;
    const sam = members.find((m) => m.email === 'sam@acme.example')!;
    const lee = members.find((m) => m.email === 'lee.ops@acme.example')!;
    await services.controls.setOwner('access-reviews', dana.id);
    const api = services.accessReview;
    const rows = (await api.start({ profile: 'audit' })).review!.rows;
    const own = rows.filter((r) => r.email === DANA.email).map((r) => r.id);
    // Two rows that are neither Sam's nor Lee's own access.
    const samRows = rows.filter((r) => !own.includes(r.id) && !isOwnAccess(r, sam) && !isOwnAccess(r, lee)).slice(0, 2);
    await api.assign(own, [dana.id, sam.id]);
    await api.assign(
      samRows.map((r) => r.id),
      [sam.id],
    );
    for (const r of rows)
      if (!own.includes(r.id) && !samRows.includes(r)) await api.decide(r.id, 'keep', 'Still needed for the job');

    // Lee is on the team but reviews nothing: refused, with a code, and nothing changes.
    services.workspaces.setMe({ name: lee.name, email: lee.email });
    const stranger = await refusal(api.decide(samRows[0]!.id, 'keep', 'Looks fine'));
    expect(stranger.code).toBe('NOT_A_REVIEWER');
    expect(stranger.message).toBe(`Lee Ops is not a reviewer of ${samRows[0]!.name}: it is assigned to Sam Engineer.`);
    expect(stranger.hint).toMatch(/Nothing was changed/);

    // Sam is removed from the team (from Dana's app).
    services.workspaces.setMe(DANA);
    await services.team.remove(sam.id);
    const onDisk = () => readFileSync(join(folder, 'access-reviews.json'), 'utf8');
    const before = onDisk();
    const view = await api.get();
    expect(view.goneReviewers).toEqual([
      {
        id: sam.id,
        name: 'Sam Engineer',
        message: 'Sam Engineer is no longer on the team: assign their rows to someone else',
        rowIds: [...own, ...samRows.map((r) => r.id)].sort(
          (a, b) => rows.findIndex((r) => r.id === a) - rows.findIndex((r) => r.id === b),
        ),
        // Dana's own rows still have Dana; Sam's two rows have nobody.
        onlyReviewerRowIds: samRows.map((r) => r.id),
      },
    ]);
    expect(view.problems.map((p) => p.message)).toContain(
      `${samRows[0]!.name}: Sam Engineer is no longer on the team: assign their rows to someone else (decisions already made are kept).`,
    );

    // Sam's app, still open on his computer, tries to decide: he is no longer on the team.
    services.workspaces.setMe({ name: sam.name, email: sam.email });
    const gone = await refusal(api.decide(samRows[0]!.id, 'keep', 'Still needed'));
    expect(gone.code).toBe('NOT_A_REVIEWER');
    expect(gone.message).toBe(`Sam Engineer is no longer on the team, so cannot decide ${samRows[0]!.name}.`);
    expect(onDisk()).toBe(before);

    // Dana decides what she can; sign-off is refused while Sam's rows are his alone, and names him.
    services.workspaces.setMe(DANA);
    const refusedSign = await refusal(api.sign());
    expect(refusedSign.code).toBe('REVIEW_INCOMPLETE');
    expect(JSON.stringify(refusedSign.details)).toContain('Sam Engineer is no longer on the team');
    expect(onDisk()).toBe(before);

    // Reassigned to Lee, who decides them; Dana's own rows now need a second current reviewer too.
    await api.assign(
      samRows.map((r) => r.id),
      [lee.id],
    );
    await api.assign(own, [dana.id, lee.id]);
    services.workspaces.setMe({ name: lee.name, email: lee.email });
    for (const r of [...samRows.map((x) => x.id), ...own]) await api.decide(r, 'keep', 'Still needed');
    services.workspaces.setMe(DANA);
    expect((await api.get()).goneReviewers).toEqual([]);
    expect((await api.sign()).standing!.state).toBe('signed');
    await services.workspaces.close();
  }, 180_000);
});
