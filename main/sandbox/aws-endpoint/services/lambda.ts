import { pageOf } from '../paging';
import { ServiceError } from '../json-rpc';
import { restJsonService } from '../rest-json';
import { regionResources } from '../scenario-access';

/**
 * AWS Lambda (restJson, 2015-03-31): ListFunctions (`GET /2015-03-31/functions`), paged by
 * Marker/NextMarker. MaxItems may be 1-10000, but Lambda answers at most 50 functions a page
 * (the model says so), which is also its page when none is asked.
 */

/** The most ListFunctions returns in one response, even if MaxItems asks more. */
const MOST_PER_PAGE = 50;

export const lambda = restJsonService({
  id: 'lambda',
  signingName: 'lambda',
  badPage: (e) => new ServiceError('InvalidParameterValueException', e.message),
  routes: [
    {
      method: 'GET',
      path: /^\/2015-03-31\/functions\/?$/,
      operation: 'ListFunctions',
      answer: ({ query }, env) => {
        const cap = Math.min(env.resources?.pageCap ?? MOST_PER_PAGE, MOST_PER_PAGE);
        const pg = pageOf(
          regionResources(env)?.lambda?.functions ?? [],
          query.Marker,
          query.MaxItems,
          { defaultSize: MOST_PER_PAGE, max: 10000, limitName: 'maxItems' },
          cap,
        );
        return { Functions: pg.items, ...(pg.next ? { NextMarker: pg.next } : {}) };
      },
    },
  ],
});
