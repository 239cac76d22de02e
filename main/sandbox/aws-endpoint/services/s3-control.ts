import { createHash } from 'node:crypto';
import { toXml, xmlEscape, type XmlValue } from '../responses';
import type { AwsResponse, HandlerEnv, ServiceHandler } from '../types';

/**
 * S3 Control (REST-XML, 2018-08-20, signed as `s3`): the account's public access block. The
 * SDK sends the account twice, as the `x-amz-account-id` header and as the host prefix
 * (`<account>.localhost:<port>` with a custom endpoint, so the sandbox is addressed by host
 * name: see `sandboxRequestHandler`); both must name the caller's account.
 */

const NAMESPACE = 'http://awss3control.amazonaws.com/doc/2018-08-20/';
const ROUTES: Record<string, string> = {
  'GET /v20180820/configuration/publicAccessBlock': 'GetPublicAccessBlock',
};

function controlResponse(env: HandlerEnv, status: number, body: string): AwsResponse {
  return {
    status,
    headers: {
      'content-type': 'application/xml',
      'x-amz-request-id': env.requestId,
      'x-amz-id-2': createHash('sha256').update(env.requestId).digest('base64'),
    },
    body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}`,
  };
}

const controlError = (env: HandlerEnv, status: number, code: string, message: string) =>
  controlResponse(
    env,
    status,
    `<ErrorResponse><Error><Code>${code}</Code><Message>${xmlEscape(message)}</Message></Error><RequestId>${env.requestId}</RequestId></ErrorResponse>`,
  );

export const s3Control: ServiceHandler = {
  id: 's3control',
  protocol: 'restXml',
  xmlNamespace: NAMESPACE,
  matches: (req) => req.signing?.service === 's3' && req.path.startsWith('/v20180820/'),
  operation: (req) => ROUTES[`${req.method} ${req.path}`],
  iamAction: () => 's3:GetAccountPublicAccessBlock',

  async handle(req, env) {
    const accountId = req.headers['x-amz-account-id'] ?? '';
    const hostAccount = /^(\d{12})\./.exec(req.headers.host ?? '')?.[1];
    if (!/^\d{12}$/.test(accountId) || (hostAccount !== undefined && hostAccount !== accountId))
      return controlError(
        env,
        400,
        'InvalidRequest',
        'The account id in the host and in x-amz-account-id must be the same 12 digits',
      );
    if (accountId !== env.caller?.accountId) return controlError(env, 403, 'AccessDenied', 'Access Denied');
    const block = env.resources?.account.s3?.accountPublicAccessBlock;
    if (!block)
      return controlError(
        env,
        404,
        'NoSuchPublicAccessBlockConfiguration',
        'The public access block configuration was not found',
      );
    return controlResponse(
      env,
      200,
      `<PublicAccessBlockConfiguration xmlns="${NAMESPACE}">${toXml({ ...block } as Record<string, XmlValue>)}</PublicAccessBlockConfiguration>`,
    );
  },
};
