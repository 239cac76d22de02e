import type { GetDetectorResponse } from '@aws-sdk/client-guardduty';
import { pageOf } from '../paging';
import { ServiceError } from '../json-rpc';
import { restJsonService } from '../rest-json';
import { regionResources } from '../scenario-access';
import type { HandlerEnv } from '../types';

/**
 * GuardDuty (restJson, 2017-11-28): ListDetectors (`GET /detector`, maxResults 1-50, default 50)
 * and GetDetector (`GET /detector/{DetectorId}`), in the model's camel-case wire names. A region
 * where GuardDuty was never enabled has no detector: ListDetectors answers an empty list.
 */

const detectors = (env: HandlerEnv) => regionResources(env)?.guardduty?.detectors ?? [];

/** GetDetectorResponse in its wire names (`DNSLogs` is `dnsLogs`, tags keep their keys). */
function detectorWire(d: GetDetectorResponse) {
  const status = (s?: { Status?: string }) => (s ? { status: s.Status } : undefined);
  const ds = d.DataSources;
  return {
    createdAt: d.CreatedAt,
    findingPublishingFrequency: d.FindingPublishingFrequency,
    serviceRole: d.ServiceRole,
    status: d.Status,
    updatedAt: d.UpdatedAt,
    ...(ds
      ? {
          dataSources: {
            cloudTrail: status(ds.CloudTrail),
            dnsLogs: status(ds.DNSLogs),
            flowLogs: status(ds.FlowLogs),
            s3Logs: status(ds.S3Logs),
            ...(ds.Kubernetes ? { kubernetes: { auditLogs: status(ds.Kubernetes.AuditLogs) } } : {}),
          },
        }
      : {}),
    tags: d.Tags ?? {},
    features: (d.Features ?? []).map((f) => ({
      name: f.Name,
      status: f.Status,
      updatedAt: f.UpdatedAt,
      ...(f.AdditionalConfiguration
        ? {
            additionalConfiguration: f.AdditionalConfiguration.map((c) => ({
              name: c.Name,
              status: c.Status,
              updatedAt: c.UpdatedAt,
            })),
          }
        : {}),
    })),
  };
}

export const guardduty = restJsonService({
  id: 'guardduty',
  signingName: 'guardduty',
  badPage: (e) => new ServiceError('BadRequestException', e.message),
  routes: [
    {
      method: 'GET',
      path: /^\/detector$/,
      operation: 'ListDetectors',
      answer: ({ query }, env) => {
        const pg = pageOf(
          detectors(env).map((d) => d.id),
          query.nextToken,
          query.maxResults,
          { defaultSize: 50, max: 50, limitName: 'maxResults' },
          env.resources?.pageCap,
        );
        return { detectorIds: pg.items, ...(pg.next ? { nextToken: pg.next } : {}) };
      },
    },
    {
      method: 'GET',
      path: /^\/detector\/([^/]+)$/,
      operation: 'GetDetector',
      answer: ({ params }, env) => {
        const d = detectors(env).find((x) => x.id === params[0]);
        if (!d)
          throw new ServiceError(
            'BadRequestException',
            'The request is rejected because the input detectorId is not owned by the current account.',
          );
        return detectorWire(d.detector);
      },
    },
  ],
});
