import { jsonRpcService, ServiceError, str, type JsonOperation } from '../json-rpc';
import type { TrailModel } from '../resources';
import type { HandlerEnv } from '../types';

/**
 * CloudTrail (awsJson 1.1, 2013-11-01): DescribeTrails, GetTrailStatus, GetEventSelectors. A
 * trail lives in its home region; a multi-region trail also shows in every other region as a
 * shadow trail (DescribeTrails' `includeShadowTrails`, default true), where it is found by ARN.
 */

/** botocore's targetPrefix, and the one the JS SDK sends (`serviceTarget`). */
const TARGETS = ['com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101', 'CloudTrail_20131101'];

const trails = (env: HandlerEnv): TrailModel[] => env.resources?.account.trails ?? [];
const region = (env: HandlerEnv) => env.resources?.region ?? '';

/** The trail a name (home region only) or an ARN (any region, for multi-region trails) names. */
function findTrail(env: HandlerEnv, nameOrArn: string | undefined): TrailModel {
  const here = region(env);
  const found = trails(env).find((t) =>
    nameOrArn?.startsWith('arn:')
      ? t.trail.TrailARN === nameOrArn && (t.trail.HomeRegion === here || t.trail.IsMultiRegionTrail)
      : t.trail.Name === nameOrArn && t.trail.HomeRegion === here,
  );
  if (!found) {
    const account = env.caller?.accountId ?? '';
    const arn = nameOrArn?.startsWith('arn:') ? nameOrArn : `arn:aws:cloudtrail:${here}:${account}:trail/${nameOrArn}`;
    throw new ServiceError('TrailNotFoundException', `Unknown trail: ${arn} for the user: ${account}`);
  }
  return found;
}

const operations: Record<string, JsonOperation> = {
  DescribeTrails: (input, env) => {
    const shadows = input.includeShadowTrails !== false;
    const names = Array.isArray(input.trailNameList) ? (input.trailNameList as string[]) : [];
    const visible = trails(env).filter(
      (t) => t.trail.HomeRegion === region(env) || (shadows && t.trail.IsMultiRegionTrail),
    );
    const listed = names.length
      ? visible.filter((t) => names.includes(t.trail.Name) || names.includes(t.trail.TrailARN))
      : visible;
    return { trailList: listed.map((t) => t.trail) };
  },
  GetTrailStatus: (input, env) => findTrail(env, str(input, 'Name')).status,
  GetEventSelectors: (input, env) => {
    const t = findTrail(env, str(input, 'TrailName'));
    return {
      TrailARN: t.trail.TrailARN,
      ...(t.advancedEventSelectors
        ? { AdvancedEventSelectors: t.advancedEventSelectors }
        : { EventSelectors: t.eventSelectors ?? [] }),
    };
  },
};

export const cloudtrail = jsonRpcService({
  id: 'cloudtrail',
  signingName: 'cloudtrail',
  targetPrefix: TARGETS,
  operations,
  badPage: (e) => new ServiceError('InvalidNextTokenException', e.message),
});
