import type { State } from '@aws-sdk/client-inspector2';
import { ServiceError } from '../json-rpc';
import { restJsonService } from '../rest-json';
import { regionResources } from '../scenario-access';

/**
 * Amazon Inspector (restJson, 2020-06-08): BatchGetAccountStatus (`POST /status/batch/get`). A
 * region where it was never enabled answers DISABLED for the account and every resource type;
 * another account than the caller's is a failed account (only a delegated administrator may ask).
 */

const disabled: State = { status: 'DISABLED', errorCode: 'RESOURCE_NOT_FOUND', errorMessage: '' };

export const inspector2 = restJsonService({
  id: 'inspector2',
  signingName: 'inspector2',
  badPage: (e) => new ServiceError('ValidationException', e.message),
  errors: { throttling: { code: 'ThrottlingException', status: 429 } },
  routes: [
    {
      method: 'POST',
      path: /^\/status\/batch\/get$/,
      operation: 'BatchGetAccountStatus',
      answer: ({ body }, env) => {
        const me = env.caller?.accountId ?? '';
        const asked = Array.isArray(body.accountIds) ? (body.accountIds as string[]) : [me];
        const here = regionResources(env)?.inspector2;
        return {
          accounts: asked
            .filter((a) => a === me)
            .map((accountId) => ({
              accountId,
              state: here?.state ?? disabled,
              resourceState: here?.resourceState ?? {
                ec2: disabled,
                ecr: disabled,
                lambda: disabled,
                lambdaCode: disabled,
              },
            })),
          failedAccounts: asked
            .filter((a) => a !== me)
            .map((accountId) => ({
              accountId,
              errorCode: 'ACCESS_DENIED',
              errorMessage: 'The request is not from the delegated administrator of this account.',
            })),
        };
      },
    },
  ],
});
