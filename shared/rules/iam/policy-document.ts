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

/** Why one statement gives full administrative power. */
export interface AdminGrant {
  sid?: string;
  /** Plain words: `Allow * on *`, `Allow NotAction [s3:DeleteBucket] on *`... */
  grant: string;
  conditional: boolean;
}

export interface PolicyAnalysis {
  adminGrants: AdminGrant[];
  /** Service-wide wildcards on every resource (`iam:*` on `*`): not full admin, but often a path to it. */
  serviceWildcards: string[];
}

/**
 * AWS returns documents URL-encoded (the SDK does not decode them); a document that already
 * starts with `{` was decoded by someone else and is parsed as is.
 */
export function decodePolicyDocument(doc: string | PolicyDocument): PolicyDocument {
  if (typeof doc !== 'string') return doc;
  const text = doc.trimStart().startsWith('{') ? doc : decodeURIComponent(doc);
  const parsed: unknown = JSON.parse(text);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('A policy document must be a JSON object.');
  return parsed as PolicyDocument;
}

export const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export const statementsOf = (doc: PolicyDocument): PolicyStatement[] =>
  doc.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];

const isAnyAction = (a: string) => a === '*' || a === '*:*';
/** `*`, or an ARN pattern that matches every resource (`arn:aws:*:*:*:*`, `arn:*`). */
const isAnyResource = (r: string) => r === '*' || /^arn:\*(:\*)*$/.test(r) || /^arn:[a-z-]+(:\*)+$/.test(r);

export function analyzePolicy(doc: PolicyDocument): PolicyAnalysis {
  const adminGrants: AdminGrant[] = [];
  const serviceWildcards = new Set<string>();
  for (const s of statementsOf(doc)) {
    if ((s.Effect ?? '').toLowerCase() !== 'allow') continue;
    const actions = asList(s.Action);
    const notActions = asList(s.NotAction);
    const resources = asList(s.Resource);
    const notResources = asList(s.NotResource);
    const conditional = s.Condition !== undefined && Object.keys(s.Condition).length > 0;
    const onEverything = resources.some(isAnyResource);
    // NotResource with an Allow on every action still reaches (almost) every resource.
    const onAlmostEverything = onEverything || (notResources.length > 0 && resources.length === 0);
    const where = onEverything ? '*' : `everything except ${JSON.stringify(notResources)}`;
    const base = { ...(s.Sid ? { sid: s.Sid } : {}), conditional };
    if (actions.some(isAnyAction) && onAlmostEverything) {
      adminGrants.push({ ...base, grant: `Allow * on ${where}` });
    } else if (notActions.length > 0 && onAlmostEverything) {
      adminGrants.push({ ...base, grant: `Allow every action except ${JSON.stringify(notActions)} on ${where}` });
    } else if (onEverything) {
      for (const a of actions) if (/^[a-z0-9-]+:\*$/i.test(a)) serviceWildcards.add(a.toLowerCase());
    }
  }
  return { adminGrants, serviceWildcards: [...serviceWildcards].sort() };
}
