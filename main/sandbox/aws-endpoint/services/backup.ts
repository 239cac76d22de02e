import { pageOf } from '../paging';
import { ServiceError } from '../json-rpc';
import { restJsonService, type RouteInput } from '../rest-json';
import type { BackupPlanModel } from '../resources';
import { regionResources } from '../scenario-access';
import type { HandlerEnv } from '../types';

/**
 * AWS Backup (restJson, 2018-11-15; members keep their Pascal-case names on the wire):
 * ListBackupPlans, GetBackupPlan, ListBackupSelections, GetBackupSelection, ListProtectedResources,
 * paged by NextToken
 * (MaxResults 1-1000). An unknown plan or selection is a ResourceNotFoundException.
 */

const plans = (env: HandlerEnv) => regionResources(env)?.backup?.plans ?? [];
const rule = { defaultSize: 1000, max: 1000, limitName: 'maxResults' };

function findPlan(env: HandlerEnv, id: string | undefined): BackupPlanModel {
  const p = plans(env).find((x) => x.plan.BackupPlanId === id);
  if (!p) throw new ServiceError('ResourceNotFoundException', `Failed reading Backup plan with provided version`);
  return p;
}

const paged = <T>(items: T[], { query }: RouteInput, env: HandlerEnv) =>
  pageOf(items, query.nextToken, query.maxResults, rule, env.resources?.pageCap);

export const backup = restJsonService({
  id: 'backup',
  signingName: 'backup',
  badPage: (e) => new ServiceError('InvalidParameterValueException', e.message),
  routes: [
    {
      method: 'GET',
      path: /^\/resources\/?$/,
      operation: 'ListProtectedResources',
      answer: (input, env) => {
        const pg = paged(regionResources(env)?.backup?.protectedResources ?? [], input, env);
        return { Results: pg.items, ...(pg.next ? { NextToken: pg.next } : {}) };
      },
    },
    {
      method: 'GET',
      path: /^\/backup\/plans\/?$/,
      operation: 'ListBackupPlans',
      answer: (input, env) => {
        const pg = paged(plans(env), input, env);
        return {
          BackupPlansList: pg.items.map(({ plan }) => ({
            BackupPlanArn: plan.BackupPlanArn,
            BackupPlanId: plan.BackupPlanId,
            CreationDate: plan.CreationDate,
            VersionId: plan.VersionId,
            BackupPlanName: plan.BackupPlan?.BackupPlanName,
            LastExecutionDate: plan.LastExecutionDate,
          })),
          ...(pg.next ? { NextToken: pg.next } : {}),
        };
      },
    },
    {
      method: 'GET',
      path: /^\/backup\/plans\/([^/]+)\/?$/,
      operation: 'GetBackupPlan',
      answer: ({ params }, env) => findPlan(env, params[0]).plan,
    },
    {
      method: 'GET',
      path: /^\/backup\/plans\/([^/]+)\/selections\/?$/,
      operation: 'ListBackupSelections',
      answer: (input, env) => {
        const p = findPlan(env, input.params[0]);
        const pg = paged(p.selections, input, env);
        return {
          BackupSelectionsList: pg.items.map((s) => ({
            SelectionId: s.SelectionId,
            SelectionName: s.BackupSelection?.SelectionName,
            BackupPlanId: p.plan.BackupPlanId,
            CreationDate: s.CreationDate,
            IamRoleArn: s.BackupSelection?.IamRoleArn,
          })),
          ...(pg.next ? { NextToken: pg.next } : {}),
        };
      },
    },
    {
      method: 'GET',
      path: /^\/backup\/plans\/([^/]+)\/selections\/([^/]+)\/?$/,
      operation: 'GetBackupSelection',
      answer: ({ params }, env) => {
        const s = findPlan(env, params[0]).selections.find((x) => x.SelectionId === params[1]);
        if (!s) throw new ServiceError('ResourceNotFoundException', `Selection ${params[1]} not found`);
        return s;
      },
    },
  ],
});
