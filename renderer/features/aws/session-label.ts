import { PROFILE_STATUS_LABELS, type ProfileSummary } from '../../../shared/domain/aws';

/** "Signed in until 2026-11-26 14:00 UTC" and friends for SSO profiles, the status for the others: for the profiles table. */
export function sessionLabel(p: ProfileSummary): { text: string; color: string } {
  const s = p.session;
  if (p.status === 'invalid') return { text: PROFILE_STATUS_LABELS.invalid, color: 'red' };
  if (!s)
    return {
      text: p.status === 'usable' ? 'Usable (no sign-in needed)' : PROFILE_STATUS_LABELS[p.status],
      color: 'gray',
    };
  const when = s.expiresAt ? s.expiresAt.replace('T', ' ').replace('Z', ' UTC') : '';
  switch (s.status) {
    case 'valid':
      return { text: `Signed in until ${when}`, color: 'green' };
    case 'expired':
      return {
        text: s.refreshable ? `Expired ${when} (renews automatically)` : `Expired ${when}`,
        color: s.refreshable ? 'yellow' : 'red',
      };
    case 'missing':
      return { text: 'Not signed in', color: 'gray' };
    default:
      return { text: 'Sign-in cache unreadable', color: 'red' };
  }
}

export const isSso = (p: ProfileSummary) => p.kind === 'sso' || p.kind === 'sso-legacy';
export const hasErrors = (p: ProfileSummary) => p.problems.some((x) => x.severity === 'error');
