import { BadPage } from './paging';
import type { AwsRequest, AwsResponse, ErrorAnswer, HandlerEnv, ServiceHandler } from './types';

/**
 * The awsJson 1.0/1.1 services (CloudTrail, CloudWatch Logs, KMS, Config, CloudWatch): one
 * POST to `/` whose `X-Amz-Target: <prefix>.<Operation>` names the operation, a JSON body in,
 * a JSON body out, errors as `{"__type": …, "message": …}`. Each service lists its operations.
 */

/** An error the operation answers in the service's words (`NotFoundException`, `TrailNotFoundException`). */
export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** More members of the error shape (identitystore's ResourceType and ResourceId). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export type JsonOperation = (input: Record<string, unknown>, env: HandlerEnv, req: AwsRequest) => unknown;

export interface JsonRpcService {
  id: string;
  /** The SigV4 signing name (`monitoring` for CloudWatch). */
  signingName: string;
  /**
   * The `X-Amz-Target` prefixes the service accepts: the model's `targetPrefix`, and the shorter
   * one the current JS SDK sends where they differ (CloudTrail).
   */
  targetPrefix: string | string[];
  operations: Record<string, JsonOperation>;
  /** The error a bad pagination token or limit gets, e.g. KMS's `InvalidMarkerException`. */
  badPage: (e: BadPage) => ServiceError;
  queryCompatible?: boolean;
  regional?: boolean;
  errors?: { throttling?: ErrorAnswer; accessDenied?: ErrorAnswer; notEnabledRegion?: ErrorAnswer };
}

export function jsonRpcService(spec: JsonRpcService): ServiceHandler {
  const operationOf = (req: AwsRequest) => {
    const target = req.headers['x-amz-target'] ?? '';
    const dot = target.lastIndexOf('.');
    const [prefix, op] = [target.slice(0, dot), target.slice(dot + 1)];
    return [spec.targetPrefix].flat().includes(prefix) && op && Object.hasOwn(spec.operations, op) ? op : undefined;
  };
  return {
    id: spec.id,
    protocol: 'json',
    regional: spec.regional ?? true,
    ...(spec.queryCompatible ? { queryCompatible: true } : {}),
    ...(spec.errors ? { errors: spec.errors } : {}),
    matches: (req) => req.signing?.service === spec.signingName,
    operation: operationOf,
    async handle(req, env): Promise<AwsResponse> {
      let input: Record<string, unknown>;
      try {
        const parsed: unknown = JSON.parse(req.body || '{}');
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
        input = parsed as Record<string, unknown>;
      } catch {
        return env.jsonErrorResponse('SerializationException', 'The request body is not a JSON object', 400);
      }
      try {
        return env.jsonResponse(spec.operations[operationOf(req)!]!(input, env, req) ?? {});
      } catch (e) {
        const err = e instanceof BadPage ? spec.badPage(e) : e;
        if (err instanceof ServiceError) return env.jsonErrorResponse(err.code, err.message, err.status, err.extra);
        throw e;
      }
    },
  };
}

/** A string member of a JSON input, or undefined. */
export const str = (input: Record<string, unknown>, key: string): string | undefined =>
  typeof input[key] === 'string' ? (input[key] as string) : undefined;

/** A number member of a JSON input, or undefined. */
export const num = (input: Record<string, unknown>, key: string): number | undefined =>
  typeof input[key] === 'number' ? (input[key] as number) : undefined;
