import { AppError } from '../../../shared/ipc/result';

/**
 * How AWS answers a call to a regional endpoint the account has not enabled (opt-in region not opted in,
 * or disabled): the region does not know the account's credentials, so EC2 says AuthFailure, the JSON
 * services UnrecognizedClientException, the query services InvalidClientTokenId; some say OptInRequired.
 */
const NOT_ENABLED_ANSWERS: ReadonlySet<string> = new Set([
  'AuthFailure',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'OptInRequired',
]);

/**
 * A regional read that failed with one of those answers outside the home region (where the same
 * credentials work: the run got that far) is that region not being enabled, not missing credentials:
 * the region's outcome is "not enabled" and the run goes on. In the home region it stays what it is.
 */
export function regionNotEnabled(error: AppError, region: string, homeRegion: string): AppError {
  const answer = error.details?.awsError;
  if (region === homeRegion || typeof answer !== 'string' || !NOT_ENABLED_ANSWERS.has(answer)) return error;
  return new AppError(
    'REGION_NOT_ENABLED',
    `${region} is not enabled (opted in) for this account: its endpoint answered ${answer}, so it was not read.`,
    {
      hint: 'Enable the region in the account settings, or leave it out of the regions chosen in Settings.',
      details: { ...error.details, region },
    },
  );
}
