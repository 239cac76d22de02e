import { parseArgs } from 'node:util';
import { AwsService } from '../services/aws/aws-service';
import { type CliIo, UsageError, regionOption, reportError } from './output';

/** `whoami --profile NAME [--region R] [--json]`: STS GetCallerIdentity and the account alias. */
export async function whoamiCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { profile: { type: 'string' }, region: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const profile = values.profile ?? process.env.AWS_PROFILE;
  if (!profile) throw new UsageError('whoami needs --profile NAME (or AWS_PROFILE).');
  const region = regionOption(values.region);
  try {
    const who = await new AwsService({ openExternal: () => undefined }).whoami(profile, region);
    if (values.json) {
      io.out(JSON.stringify(who, null, 2));
      return 0;
    }
    const alias =
      who.accountAlias ??
      (who.aliasStatus === 'denied' ? 'alias not readable: iam:ListAccountAliases denied' : 'no alias');
    io.out(`Account:    ${who.accountId} (${alias})`);
    io.out(`Principal:  ${who.principalArn}`);
    io.out(`User id:    ${who.userId}`);
    io.out(`Region:     ${who.region}`);
    io.out(`Request id: ${who.requestId} at ${who.checkedAt}`);
    return 0;
  } catch (e) {
    return reportError(e, io, !!values.json);
  }
}
