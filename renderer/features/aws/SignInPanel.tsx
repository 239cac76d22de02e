import { Anchor, Button, Code, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { LoginProgress, ProfileSummary, SignInMethod } from '../../../shared/domain/aws';
import type { ErrorCode } from '../../../shared/ipc/errors';
import type { AppErrorData } from '../../../shared/ipc/result';
import { api } from '../../api/client';
import { ErrorNotice } from '../../components/ErrorNotice';

/** A failure pushed by main (or kept there while this screen was closed), shown like any other error. */
function failureOf(p: LoginProgress | null): AppErrorData | null {
  if (p?.stage !== 'failed') return null;
  // The code is an AppError's code, set in main's sign-in service.
  return { code: p.code as ErrorCode, message: p.message, ...(p.hint ? { hint: p.hint } : {}) };
}

/** Device sign-in: the browser opens AWS's page; the person checks the code shown here matches. */
export function SignInPanel({ profile, onSignedIn }: { profile: ProfileSummary; onSignedIn(): void }) {
  const [progress, setProgress] = useState<LoginProgress | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const running = progress?.stage === 'starting' || progress?.stage === 'waiting' || progress?.stage === 'browser';

  useEffect(() => {
    setProgress(null);
    setError(null);
    const off = api().on('aws.login', (p) => {
      if (p.profile === profile.name) setProgress(p);
    });
    // A sign-in started before this screen opened keeps running in main: show its code again.
    void api()
      .aws.signInProgress({ profile: profile.name })
      .then((r) => r.ok && r.value && setProgress((current) => current ?? r.value));
    return off;
  }, [profile.name]);

  const start = async (method: SignInMethod) => {
    setError(null);
    setProgress({ profile: profile.name, stage: 'starting' });
    const r = await api().aws.signIn({ profile: profile.name, method });
    if (r.ok) onSignedIn();
    else if (r.error.code !== 'CANCELLED') setError(r.error);
  };

  return (
    <Stack gap="xs" data-testid="aws-signin">
      <Group>
        <Button
          onClick={() => void start('device')}
          loading={progress?.stage === 'starting'}
          disabled={running}
          data-testid="aws-signin-start"
        >
          {profile.session?.status === 'valid' ? 'Sign in again' : 'Sign in'}
        </Button>
        {profile.kind === 'sso' && !running && (
          <Button variant="subtle" size="xs" onClick={() => void start('browser')} data-testid="aws-signin-browser">
            Sign in without a code (browser on this computer)
          </Button>
        )}
        {running && (
          <Button
            variant="default"
            onClick={() => void api().aws.cancelSignIn({ profile: profile.name })}
            data-testid="aws-signin-cancel"
          >
            Cancel
          </Button>
        )}
      </Group>
      {progress?.stage === 'waiting' && (
        <Stack gap={4} data-testid="aws-signin-waiting">
          <Text size="sm">
            Your browser opened the AWS sign-in page. Check that it shows this code, then choose Allow:
          </Text>
          <Code fz="xl" fw={700} w="fit-content" data-testid="aws-user-code">
            {progress.userCode}
          </Code>
          <Text size="xs" c="dimmed">
            Browser did not open? Go to{' '}
            <Anchor size="xs" href={progress.verificationUriComplete} target="_blank" rel="noreferrer">
              {progress.verificationUri}
            </Anchor>{' '}
            and enter the code. It expires at {progress.expiresAt.replace('T', ' ').replace('Z', ' UTC')}.
          </Text>
        </Stack>
      )}
      {progress?.stage === 'browser' && (
        <Text size="sm" data-testid="aws-signin-browser-waiting">
          Continue in your browser: choose Allow on the AWS page. It did not open?{' '}
          <Anchor size="sm" href={progress.authorizeUrl} target="_blank" rel="noreferrer">
            Open the AWS sign-in page
          </Anchor>
          .
        </Text>
      )}
      {progress?.stage === 'done' && (
        <Text size="sm" c="green" data-testid="aws-signin-done">
          Signed in. The session is shared with the AWS CLI and lasts until{' '}
          {progress.expiresAt.replace('T', ' ').replace('Z', ' UTC')}.
        </Text>
      )}
      {progress?.stage === 'cancelled' && (
        <Text size="sm" c="dimmed">
          Sign-in cancelled.
        </Text>
      )}
      {/* The call's own error carries AWS's details; the pushed stage covers a sign-in started before this screen opened. */}
      <ErrorNotice error={error ?? failureOf(progress)} title="Sign-in did not complete" />
    </Stack>
  );
}
