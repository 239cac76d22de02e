import type { TrustReading } from './trust-policy';

/**
 * Why an identity is explained (pure): a teammate whose email, name or email's local part it
 * carries; an owner tag (`Owner`, `owner`, `Contact`, any case) naming a teammate or, failing
 * that, any documented owner; for roles, their trust: AWS services only, a service-linked role,
 * or a role Identity Center created for a permission set. Null when nothing explains it: the
 * row is flagged "unexplained".
 */

export interface Teammate {
  name: string;
  email: string;
}

export interface IamTag {
  Key?: string;
  Value?: string;
}

/** Tag keys that document an identity's owner (compared without case). */
export const OWNER_TAG_KEYS = ['owner', 'contact'] as const;

/** The teammate an identity's names point to (email, name, or a user name that is the email's local part). */
export function teammateOf(team: readonly Teammate[], ...names: (string | undefined)[]): Teammate | undefined {
  const wanted = names.filter((n): n is string => !!n).map((n) => n.trim().toLowerCase());
  return team.find((m) => {
    const known = [m.email.toLowerCase(), m.name.toLowerCase(), m.email.split('@')[0]!.toLowerCase()];
    return wanted.some((n) => known.includes(n));
  });
}

/** An owner tag's value: the first non-empty `Owner` / `Contact` tag, any case of the key. */
export function ownerTag(tags: readonly IamTag[] | undefined): string | undefined {
  for (const key of OWNER_TAG_KEYS) {
    const value = tags?.find((t) => t.Key?.trim().toLowerCase() === key)?.Value?.trim();
    if (value) return value;
  }
  return undefined;
}

/** Identity Center's roles: `AWSReservedSSO_<permission set>_<16 hex>` under `/aws-reserved/sso.amazonaws.com/`. */
export function identityCenterPermissionSet(roleName: string, path: string | undefined): string | undefined {
  const m = /^AWSReservedSSO_(.+)_[0-9a-f]{16}$/.exec(roleName);
  return m && (path ?? '').startsWith('/aws-reserved/sso.amazonaws.com/') ? m[1] : undefined;
}

/** Why a user (IAM or Identity Center) is explained, or null. */
export function userExplanation(
  team: readonly Teammate[],
  names: (string | undefined)[],
  tags?: readonly IamTag[],
): string | null {
  const mate = teammateOf(team, ...names);
  if (mate) return `teammate ${mate.name}`;
  return tagExplanation(team, tags);
}

function tagExplanation(team: readonly Teammate[], tags: readonly IamTag[] | undefined): string | null {
  const owner = ownerTag(tags);
  if (!owner) return null;
  return teammateOf(team, owner) ? `owner tag: ${owner}` : `documented owner: ${owner}`;
}

/** Why a role is explained, or null: Identity Center, service-linked, an owner tag, or trusted by AWS services only. */
export function roleExplanation(
  team: readonly Teammate[],
  role: { name: string; path?: string | undefined; serviceLinked: boolean; tags?: readonly IamTag[] | undefined },
  trust: TrustReading | undefined,
): string | null {
  const permissionSet = identityCenterPermissionSet(role.name, role.path);
  if (permissionSet) return `Identity Center permission set ${permissionSet}`;
  if (role.serviceLinked) return 'service-linked role (AWS creates and manages it)';
  const tagged = tagExplanation(team, role.tags);
  if (tagged) return tagged;
  const servicesOnly =
    trust !== undefined &&
    trust.services.length > 0 &&
    !trust.anyone &&
    trust.sameAccount.length === 0 &&
    trust.otherAccounts.length === 0 &&
    trust.identityProviders.length === 0;
  return servicesOnly
    ? `trusted by AWS service${trust.services.length > 1 ? 's' : ''} ${trust.services.join(', ')}`
    : null;
}
