import { CreateTokenCommand, RegisterClientCommand, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import { setTimeout as delay } from 'node:timers/promises';
import { cliTimestamp } from './token-cache';
import { deniedSignIn, expiredSignIn, openQuietly, startUrlRejected, type SsoFlow } from './sso-flow';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const SLOW_DOWN_SECONDS = 5;

/**
 * The device authorization grant, as `aws sso login --use-device-code` runs it: register a
 * public client, start device authorization, open the verification page, show the user code,
 * and poll CreateToken, slowing down when asked.
 */
export const deviceFlow: SsoFlow = async (ctx) => {
  const { oidc, target, signal } = ctx;
  const reg = await oidc.send(
    new RegisterClientCommand({
      clientName: ctx.clientName,
      clientType: 'public',
      ...(target.scopes.length ? { scopes: target.scopes } : {}),
    }),
    { abortSignal: signal },
  );
  const device = await oidc
    .send(
      new StartDeviceAuthorizationCommand({
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        startUrl: target.startUrl,
      }),
      { abortSignal: signal },
    )
    .catch(startUrlRejected(target));
  const started = ctx.now();
  const deviceExpiresAt = started + (device.expiresIn ?? 600) * 1000;
  const page = device.verificationUriComplete ?? device.verificationUri ?? '';
  ctx.emit({
    profile: target.profile,
    stage: 'waiting',
    userCode: device.userCode ?? '',
    verificationUri: device.verificationUri ?? '',
    verificationUriComplete: page,
    expiresAt: cliTimestamp(new Date(deviceExpiresAt)),
  });
  await openQuietly(ctx, page);

  const deadline = Math.min(deviceExpiresAt, started + ctx.timeoutMs);
  let interval = device.interval ?? 5;
  for (;;) {
    await delay(interval * 1000 * ctx.pollScale, undefined, { signal });
    if (ctx.now() > deadline) throw expiredSignIn();
    try {
      const token = await oidc.send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: DEVICE_GRANT,
          deviceCode: device.deviceCode,
        }),
        { abortSignal: signal },
      );
      return {
        clientId: reg.clientId ?? '',
        clientSecret: reg.clientSecret ?? '',
        ...(reg.clientSecretExpiresAt ? { clientSecretExpiresAt: reg.clientSecretExpiresAt } : {}),
        accessToken: token.accessToken ?? '',
        expiresIn: token.expiresIn ?? 3600,
        ...(token.refreshToken ? { refreshToken: token.refreshToken } : {}),
      };
    } catch (e) {
      const name = (e as { name?: string }).name;
      if (name === 'AuthorizationPendingException') continue;
      if (name === 'SlowDownException') {
        interval += SLOW_DOWN_SECONDS;
        continue;
      }
      if (name === 'ExpiredTokenException') throw expiredSignIn();
      if (name === 'AccessDeniedException') throw deniedSignIn(target.profile);
      throw e;
    }
  }
};
