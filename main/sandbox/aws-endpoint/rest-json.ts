import { BadPage } from './paging';
import { ServiceError } from './json-rpc';
import type { AwsRequest, AwsResponse, ErrorAnswer, HandlerEnv, ServiceHandler } from './types';

/**
 * The restJson services (GuardDuty, Inspector2, Backup, Account): the operation is the HTTP
 * method and path (`GET /detector/{DetectorId}`), inputs come from the path, the query string
 * and a JSON body; errors name themselves in `x-amzn-ErrorType`. Each service lists its routes.
 */

export interface Route {
  method: string;
  /** The model's `requestUri` as a pattern; its groups are the `@uri` members in order. */
  path: RegExp;
  operation: string;
  answer: (input: RouteInput, env: HandlerEnv) => unknown;
}

export interface RouteInput {
  params: string[];
  query: Record<string, string>;
  body: Record<string, unknown>;
  req: AwsRequest;
}

export interface RestJsonService {
  id: string;
  signingName: string;
  routes: Route[];
  badPage: (e: BadPage) => ServiceError;
  regional?: boolean;
  errors?: { throttling?: ErrorAnswer; accessDenied?: ErrorAnswer; notEnabledRegion?: ErrorAnswer };
}

export function restJsonService(spec: RestJsonService): ServiceHandler {
  const routeOf = (req: AwsRequest) => {
    for (const route of spec.routes) {
      const m = req.method === route.method ? route.path.exec(req.path) : null;
      if (m) return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
    }
    return undefined;
  };
  return {
    id: spec.id,
    protocol: 'restJson',
    regional: spec.regional ?? true,
    ...(spec.errors ? { errors: spec.errors } : {}),
    matches: (req) => req.signing?.service === spec.signingName,
    operation: (req) => routeOf(req)?.route.operation,
    async handle(req, env): Promise<AwsResponse> {
      const { route, params } = routeOf(req)!;
      let body: Record<string, unknown> = {};
      if (req.body) {
        try {
          body = JSON.parse(req.body) as Record<string, unknown>;
        } catch {
          return env.jsonErrorResponse('SerializationException', 'The request body is not JSON', 400);
        }
      }
      try {
        return env.jsonResponse(route.answer({ params, query: req.query, body, req }, env) ?? {});
      } catch (e) {
        const err = e instanceof BadPage ? spec.badPage(e) : e;
        if (err instanceof ServiceError) return env.jsonErrorResponse(err.code, err.message, err.status);
        throw e;
      }
    },
  };
}
