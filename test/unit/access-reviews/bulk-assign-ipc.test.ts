import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../main/ipc/handlers';
import { createRouter } from '../../../main/ipc/router';
import { startAwsEndpoint, type AwsEndpoint } from '../../../main/sandbox/aws-endpoint';
import { iamScenario, TROUBLED_ACCOUNT } from '../../../main/sandbox/aws-endpoint/scenarios/iam';
import {
  sampleIdentityCenter,
  withIdentityCenter,
} from '../../../main/sandbox/aws-endpoint/scenarios/identity-center-sample';
import { silentLogger } from '../../../main/services/logger';
import { createApi } from '../../../shared/ipc/create-api';
import { checksHarness } from '../iam/iam-harness';
import { DANA } from '../helpers/services';

/**
 * Reviewers assigned to many rows at once, through the typed IPC contract the screen uses (the
 * router validates the input, the service the self-review rule): an assignment that would leave
 * anyone the only reviewer of their own access is refused whole, naming the rows, and nothing changes.
 */

let endpoint: AwsEndpoint;
beforeAll(async () => {
  endpoint = await startAwsEndpoint({
    scenario: withIdentityCenter(iamScenario(new Date()), sampleIdentityCenter(TROUBLED_ACCOUNT, 'us-east-1')),
  });
});
afterAll(() => endpoint.close());

const APP = { url: 'file:///app/out/renderer/index.html', isMainFrame: true };

async function reviewOverIpc() {
  const { services } = await checksHarness(endpoint.url);
  const router = createRouter({
    handlers: createHandlers(services),
    isTrustedSender: (s) => s.isMainFrame && s.url.startsWith('file:///app/'),
    logger: silentLogger,
  });
  const api = createApi({ invoke: (c, i) => router.invoke(c, i, APP), subscribe: () => () => {} });
  await services.team.add({ name: 'Sam Engineer', email: 'sam@acme.example', role: 'Engineer' });
  const members = services.workspaces.require().team.members;
  const dana = members.find((m) => m.email === DANA.email)!.id;
  const sam = members.find((m) => m.email === 'sam@acme.example')!.id;
  await api.aws.setWorkspaceProfile({ profile: 'audit' });
  const started = await api.accessReview.start({});
  if (!started.ok) throw new Error(started.error.message);
  return { api, dana, sam, review: started.value.review! };
}

describe('assigning reviewers to many rows at once', () => {
  it('assigns every selected row in one call; refuses, whole, an assignment that makes someone the only reviewer of their own access', async () => {
    const { api, dana, sam, review } = await reviewOverIpc();
    const all = review.rows.map((r) => r.id);
    const danaOwn = review.rows.filter((r) => r.email === DANA.email).map((r) => r.id);
    expect(danaOwn.length).toBeGreaterThan(0);

    // Everything to Dana alone: her own rows would be hers only, so nothing is assigned.
    const refused = await api.accessReview.assign({ rowIds: all, memberIds: [dana] });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('INVALID_INPUT');
    expect(refused.error.message).toMatch(/^Dana Founder would be the only reviewer of their own access/);
    expect(refused.error.hint).toContain('Nothing was changed');
    const unchanged = await api.accessReview.get();
    expect(unchanged.ok && unchanged.value.review!.reviewers).toEqual({});

    // Sam as the second reviewer: every row at once.
    const assigned = await api.accessReview.assign({ rowIds: all, memberIds: [dana, sam] });
    expect(assigned.ok).toBe(true);
    if (!assigned.ok) return;
    const reviewers = assigned.value.review!.reviewers;
    expect(Object.keys(reviewers).sort()).toEqual([...all].sort());
    expect(new Set(Object.values(reviewers).map((ids) => ids.join(',')))).toEqual(new Set([`${dana},${sam}`]));
    expect(assigned.value.problems.some((p) => p.message.includes('only reviewer of their own access'))).toBe(false);

    // Sam alone may review Dana's rows, and Dana alone the others.
    const others = all.filter((id) => !danaOwn.includes(id));
    expect((await api.accessReview.assign({ rowIds: danaOwn, memberIds: [sam] })).ok).toBe(true);
    expect((await api.accessReview.assign({ rowIds: others, memberIds: [dana] })).ok).toBe(true);

    // The contract bounds the input: no rows, no reviewers, or an unknown teammate change nothing.
    const empty = await api.accessReview.assign({ rowIds: [], memberIds: [dana] });
    expect(!empty.ok && empty.error.code).toBe('INVALID_INPUT');
    const nobody = await api.accessReview.assign({ rowIds: others, memberIds: [] });
    expect(!nobody.ok && nobody.error.code).toBe('INVALID_INPUT');
    const stranger = await api.accessReview.assign({ rowIds: others, memberIds: ['tm_nobody'] });
    expect(!stranger.ok && stranger.error.code).toBe('INVALID_INPUT');
  }, 120_000);
});
