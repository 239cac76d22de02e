import { asList, decodePolicyDocument, statementsOf, type PolicyDocument } from '../iam/policy-document';

/**
 * Who may assume a role, read from its trust policy: principals of the same account, other
 * AWS accounts, identity providers (SAML, OIDC, web identity), AWS services, or anyone (`*`).
 * Only Allow statements grant; conditions are kept as a note, since they may narrow a `*`.
 */
export interface TrustReading {
  sameAccount: string[];
  otherAccounts: string[];
  identityProviders: string[];
  services: string[];
  anyone: boolean;
  /** Some Allow statement has conditions (the auditor reads them in the raw policy). */
  conditional: boolean;
}

/** Identity Center's own SAML provider: roles it creates trust it, and that is how SSO works, not outside access. */
const IDENTITY_CENTER_PROVIDER = /:saml-provider\/AWSSSO_[0-9a-f]+_DO_NOT_DELETE$/;

const accountOf = (principal: string): string | undefined => {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
};

export function readTrustPolicy(doc: string | PolicyDocument, accountId: string): TrustReading {
  const out: TrustReading = {
    sameAccount: [],
    otherAccounts: [],
    identityProviders: [],
    services: [],
    anyone: false,
    conditional: false,
  };
  const add = (list: string[], v: string) => !list.includes(v) && list.push(v);
  for (const s of statementsOf(decodePolicyDocument(doc))) {
    if ((s.Effect ?? '').toLowerCase() !== 'allow') continue;
    if (s.Condition && Object.keys(s.Condition).length > 0) out.conditional = true;
    const p = s.Principal;
    if (p === '*') {
      out.anyone = true;
      continue;
    }
    if (!p || typeof p !== 'object') continue;
    for (const [kind, value] of Object.entries(p as Record<string, string | string[]>)) {
      for (const id of asList(value).map(String)) {
        if (kind === 'AWS') {
          if (id === '*') out.anyone = true;
          else if (accountOf(id) === accountId) add(out.sameAccount, id);
          else add(out.otherAccounts, id);
        } else if (kind === 'Service') add(out.services, id);
        else if (kind === 'Federated') add(out.identityProviders, id);
        else if (kind === 'CanonicalUser') add(out.otherAccounts, `CanonicalUser ${id}`);
      }
    }
  }
  return out;
}

/** Assumable from outside the account: another account, or an identity provider other than Identity Center's own. */
export const assumableFromOutside = (t: TrustReading): boolean =>
  t.otherAccounts.length > 0 || t.identityProviders.some((p) => !IDENTITY_CENTER_PROVIDER.test(p));

/** The reading in one line for the review table and the CSV. */
export function describeTrust(t: TrustReading): string {
  const parts: string[] = [];
  if (t.anyone) parts.push('anyone (*)');
  if (t.sameAccount.length) parts.push(`this account: ${t.sameAccount.join(', ')}`);
  if (t.otherAccounts.length) parts.push(`other accounts: ${t.otherAccounts.join(', ')}`);
  if (t.identityProviders.length) parts.push(`identity providers: ${t.identityProviders.join(', ')}`);
  if (t.services.length) parts.push(`services: ${t.services.join(', ')}`);
  const text = parts.join('; ') || 'nobody (no Allow statement)';
  return t.conditional ? `${text} (with conditions)` : text;
}
