import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import { AwsService } from '../services/aws/aws-service';
import { type CliIo, UsageError, reportError } from './output';
import { isAllowedExternalUrl } from '../services/security/external-urls';

/** Opens AWS sign-in pages in the default browser, as `aws sso login` does; anything else is only printed. */
function openInBrowser(url: string): void {
  if (!isAllowedExternalUrl(url)) return;
  const [cmd, ...args] =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '""', url]
        : ['xdg-open', url];
  const child = spawn(cmd!, args, { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

/**
 * `login --profile NAME [--redirect] [--no-browser]`: IAM Identity Center sign-in into the CLI-shared
 * cache, with a device code, or with `--redirect` through a browser redirect to this computer (PKCE).
 */
export async function loginCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      profile: { type: 'string' },
      'no-browser': { type: 'boolean', default: false },
      redirect: { type: 'boolean', default: false },
    },
  });
  const profile = values.profile ?? process.env.AWS_PROFILE;
  if (!profile) throw new UsageError('login needs --profile NAME (or AWS_PROFILE).');
  const aws = new AwsService({ openExternal: (url) => (values['no-browser'] ? undefined : openInBrowser(url)) });
  const cancel = () => aws.cancelSignIn(profile);
  process.once('SIGINT', cancel);
  try {
    const result = await aws.signIn(
      profile,
      (p) => {
        if (p.stage === 'waiting') {
          io.out(
            `To sign in, open this page in a browser:\n\n  ${p.verificationUriComplete}\n\nand check that it shows the code:\n\n  ${p.userCode}\n\nWaiting for approval (press Ctrl+C to cancel)...`,
          );
        }
        if (p.stage === 'browser') {
          io.out(
            `To sign in, open this page in a browser on this computer and allow access:\n\n  ${p.authorizeUrl}\n\nWaiting for approval (press Ctrl+C to cancel)...`,
          );
        }
      },
      values.redirect ? 'browser' : 'device',
    );
    io.out(
      `Signed in with profile "${profile}". The session is valid until ${result.expiresAt} and is shared with the AWS CLI.`,
    );
    return 0;
  } catch (e) {
    return reportError(e, io, false);
  } finally {
    process.off('SIGINT', cancel);
  }
}
