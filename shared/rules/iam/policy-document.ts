/**
 * IAM policy documents as GetAccountAuthorizationDetails and GetPolicyVersion return them:
 * URL-encoded JSON, one statement or an array, strings or arrays for actions and resources.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, unknown>;
  Principal?: unknown;
}

export interface PolicyDocument {
  Version?: string;
  Statement?: PolicyStatement | PolicyStatement[];
}

/** Why one statement gives full administrative power, or nearly all of it. */
export interface AdminGrant {
  sid?: string;
  /** Plain words: `Allow * on *`, `Allow every action except ["iam:*"] on *`... */
  grant: string;
  /** The statement has conditions, or the document denies everything under conditions. */
  conditional: boolean;
}

export interface PolicyAnalysis {
  /** Allow of every action on every resource: full administrative power. */
  adminGrants: AdminGrant[];
  /**
   * Allows of nearly everything (NotAction on every resource, every action on NotResource):
   * not full admin as the check defines it (AWS's PowerUserAccess is one), but for the owner to review.
   */
  broadGrants: AdminGrant[];
  /** Service-wide wildcards on every resource (`iam:*` on `*`): not full admin, but often a path to it. */
  serviceWildcards: string[];
}

export const noGrants = (): PolicyAnalysis => ({ adminGrants: [], broadGrants: [], serviceWildcards: [] });

/**
 * AWS returns documents URL-encoded (the SDK does not decode them); a document that already
 * starts with `{` was decoded by someone else and is parsed as is.
 */
export function decodePolicyDocument(doc: string | PolicyDocument): PolicyDocument {
  if (typeof doc !== 'string') return doc;
  const text = doc.trimStart().startsWith('{') ? doc : decodeURIComponent(doc);
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error('A policy document must be a JSON object.');
  return parsed as PolicyDocument;
}

export const asList = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];

export const statementsOf = (doc: PolicyDocument): PolicyStatement[] =>
  doc.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];

const isAnyAction = (a: string) => a === '*' || a === '*:*';
/** `*`, or an ARN pattern that matches every resource (`arn:aws:*:*:*:*`, `arn:*`). */
const isAnyResource = (r: string) => r === '*' || /^arn:\*(:\*)*$/.test(r) || /^arn:[a-z-]+(:\*)+$/.test(r);
const effectIs = (s: PolicyStatement, effect: 'allow' | 'deny') => (s.Effect ?? '').toLowerCase() === effect;
const hasCondition = (s: PolicyStatement) => s.Condition !== undefined && Object.keys(s.Condition).length > 0;
/** A statement whose Action and Resource cover everything (NotAction and NotResource never do). */
const coversEverything = (s: PolicyStatement) =>
  asList(s.Action).some(isAnyAction) && asList(s.Resource).some(isAnyResource);

/**
 * What one policy document grants. Full admin is an Allow of `*` (or `*:*`) on every resource,
 * as the issue defines it. An explicit Deny of `*` on `*` in the same document overrides every
 * Allow in it; a conditional one leaves the Allows standing only when its condition is false.
 * `NotResource` naming every resource matches nothing, so that statement grants nothing.
 */
export function analyzePolicy(doc: PolicyDocument): PolicyAnalysis {
  const statements = statementsOf(doc);
  const denials = statements.filter((s) => effectIs(s, 'deny') && coversEverything(s));
  if (denials.some((d) => !hasCondition(d))) return noGrants();
  const deniedUnderConditions = denials.length > 0;
  const adminGrants: AdminGrant[] = [];
  const broadGrants: AdminGrant[] = [];
  const serviceWildcards = new Set<string>();
  for (const s of statements) {
    if (!effectIs(s, 'allow')) continue;
    const actions = asList(s.Action);
    const notActions = asList(s.NotAction);
    const resources = asList(s.Resource);
    const notResources = asList(s.NotResource);
    if (notResources.some(isAnyResource)) continue;
    const base = { ...(s.Sid ? { sid: s.Sid } : {}), conditional: hasCondition(s) || deniedUnderConditions };
    const onEverything = resources.some(isAnyResource);
    const onAlmostEverything = notResources.length > 0 && resources.length === 0;
    if (actions.some(isAnyAction) && onEverything) {
      adminGrants.push({ ...base, grant: 'Allow * on *' });
    } else if (actions.some(isAnyAction) && onAlmostEverything) {
      broadGrants.push({ ...base, grant: `Allow * on everything except ${JSON.stringify(notResources)}` });
    } else if (notActions.length > 0 && (onEverything || onAlmostEverything)) {
      const where = onEverything ? '*' : `everything except ${JSON.stringify(notResources)}`;
      broadGrants.push({ ...base, grant: `Allow every action except ${JSON.stringify(notActions)} on ${where}` });
    } else if (onEverything) {
      for (const a of actions) if (/^[a-z0-9-]+:\*$/i.test(a)) serviceWildcards.add(a.toLowerCase());
    }
  }
  return { adminGrants, broadGrants, serviceWildcards: [...serviceWildcards].sort() };
}
