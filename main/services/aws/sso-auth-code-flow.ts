import { CreateTokenCommand, RegisterClientCommand } from '@aws-sdk/client-sso-oidc';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/ipc/result';
import { type CallbackAnswer, startLoopback } from './loopback';
import { deniedSignIn, expiredSignIn, openQuietly, startUrlRejected, type FlowContext, type SsoFlow } from './sso-flow';

const VERIFIER_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
/** Registered without a port: loopback redirects may use any port (RFC 8252), as the AWS CLI relies on. */
const REGISTERED_REDIRECT = 'http://127.0.0.1/oauth/callback';

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = [...randomBytes(64)].map((b) => VERIFIER_ALPHABET[b % VERIFIER_ALPHABET.length]).join('');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

/** The OIDC host as the SDK resolved it (AWS, or AWS_ENDPOINT_URL*): the authorize page lives there too. */
function captureEndpoint(ctx: FlowContext): () => string {
  let base = '';
  ctx.oidc.middlewareStack.add(
    (next) => async (args) => {
      const r = args.request as { protocol?: string; hostname?: string; port?: number };
      if (!base && r.hostname) base = `${r.protocol ?? 'https:'}//${r.hostname}${r.port ? `:${r.port}` : ''}`;
      return next(args);
    },
    { step: 'finalizeRequest', name: 'auditWorkbenchOidcEndpoint' },
  );
  return () => base;
}

function waitForAnswer(answer: Promise<CallbackAnswer>, ctx: FlowContext): Promise<CallbackAnswer> {
  return new Promise<CallbackAnswer>((resolve, reject) => {
    const timer = setTimeout(() => reject(expiredSignIn()), ctx.timeoutMs);
    const abort = () => reject(ctx.signal?.reason ?? new Error('aborted'));
    ctx.signal?.addEventListener('abort', abort, { once: true });
    answer.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      ctx.signal?.removeEventListener('abort', abort);
    });
  });
}

/**
 * The authorization-code grant with PKCE on a loopback redirect, the AWS CLI's default for
 * sso-session profiles since v2.22: the browser page asks to allow access and sends the
 * code back to a listener on 127.0.0.1; no code to compare by eye.
 */
export const authorizationCodeFlow: SsoFlow = async (ctx) => {
  const { oidc, target, signal } = ctx;
  const endpoint = captureEndpoint(ctx);
  const scopes = target.scopes.length ? target.scopes : ['sso:account:access'];
  const reg = await oidc
    .send(
      new RegisterClientCommand({
        clientName: ctx.clientName,
        clientType: 'public',
        scopes,
        grantTypes: ['authorization_code', 'refresh_token'],
        redirectUris: [REGISTERED_REDIRECT],
        issuerUrl: target.startUrl,
      }),
      { abortSignal: signal },
    )
    .catch(startUrlRejected(target));
  const state = randomUUID();
  const loopback = await startLoopback(state);
  try {
    const { verifier, challenge } = pkcePair();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: reg.clientId ?? '',
      redirect_uri: loopback.redirectUri,
      state,
      code_challenge_method: 'S256',
      scopes: scopes.join(' '),
      code_challenge: challenge,
    });
    const authorizeUrl = `${endpoint()}/authorize?${query}`;
    ctx.emit({ profile: target.profile, stage: 'browser', authorizeUrl });
    await openQuietly(ctx, authorizeUrl);
    const answer = await waitForAnswer(loopback.answer, ctx);
    // The loopback only delivers this sign-in's state; checked again here, before anything the answer says is believed.
    if (answer.state !== state) {
      throw new AppError(
        'SSO_LOGIN_DENIED',
        'The browser answered for a different sign-in, so the answer was refused.',
        { hint: 'Press "Sign in" again and use the page it opens.' },
      );
    }
    if (answer.error === 'access_denied') throw deniedSignIn(target.profile);
    if (answer.error || !answer.code) {
      throw new AppError(
        'SSO_LOGIN_DENIED',
        `AWS did not complete the sign-in (${answer.error ?? 'no authorization code'}).`,
        { hint: 'Press "Sign in" again.' },
      );
    }
    const token = await oidc.send(
      new CreateTokenCommand({
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        grantType: 'authorization_code',
        code: answer.code,
        codeVerifier: verifier,
        redirectUri: loopback.redirectUri,
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
  } finally {
    loopback.close();
  }
};
