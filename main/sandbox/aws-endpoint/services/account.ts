import { pageOf } from '../paging';
import { ServiceError } from '../json-rpc';
import { restJsonService } from '../rest-json';
import type { RegionOptStatus } from '../resources';
import { accountRegions } from '../scenario-access';

/**
 * The Account API (restJson, 2021-02-01, global): ListRegions (`POST /listRegions`) with each
 * region's opt status, filtered by RegionOptStatusContains, paged by NextToken (MaxResults 1-50,
 * default 20). Another account's regions need AWS Organizations: AccessDeniedException here.
 */

export const account = restJsonService({
  id: 'account',
  signingName: 'account',
  regional: false,
  badPage: (e) => new ServiceError('ValidationException', e.message),
  routes: [
    {
      method: 'POST',
      path: /^\/listRegions$/,
      operation: 'ListRegions',
      answer: ({ body }, env) => {
        const asked = typeof body.AccountId === 'string' ? body.AccountId : undefined;
        if (asked !== undefined && asked !== env.caller?.accountId)
          throw new ServiceError(
            'AccessDeniedException',
            `User: ${env.caller?.arn ?? ''} is not authorized to perform: account:ListRegions on resource: arn:aws:account::${asked}:account`,
            403,
          );
        const wanted = Array.isArray(body.RegionOptStatusContains)
          ? (body.RegionOptStatusContains as RegionOptStatus[])
          : undefined;
        const regions = Object.entries(accountRegions(env))
          .map(([RegionName, r]) => ({ RegionName, RegionOptStatus: r.optStatus }))
          .filter((r) => !wanted || wanted.includes(r.RegionOptStatus))
          .sort((a, b) => a.RegionName.localeCompare(b.RegionName));
        const pg = pageOf(
          regions,
          typeof body.NextToken === 'string' ? body.NextToken : undefined,
          typeof body.MaxResults === 'number' ? body.MaxResults : undefined,
          { defaultSize: 20, max: 50, limitName: 'maxResults' },
          env.resources?.pageCap,
        );
        return { Regions: pg.items, ...(pg.next ? { NextToken: pg.next } : {}) };
      },
    },
  ],
});
