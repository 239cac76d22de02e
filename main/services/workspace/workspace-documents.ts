import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import {
  WORKSPACE_DOCUMENTS,
  workspaceDocumentEntries,
  type DocumentDefaultContext,
  type WorkspaceDocumentKey,
  type WorkspaceState,
} from '../../../shared/domain/workspace-documents';
import { JsonDocument } from '../storage/json-document';

/** The workspace's documents on disk, one `JsonDocument` per registry entry. */
export type WorkspaceDocuments = {
  [K in WorkspaceDocumentKey]: JsonDocument<(typeof WORKSPACE_DOCUMENTS)[K]['schema']>;
};

export const workspaceDocuments = (root: string): WorkspaceDocuments =>
  Object.fromEntries(
    workspaceDocumentEntries().map(([key, def]) => [key, new JsonDocument(root, def.file, def.schema, def.migrations)]),
  ) as WorkspaceDocuments;

const untyped = (docs: WorkspaceDocuments, key: WorkspaceDocumentKey) => docs[key] as JsonDocument<z.ZodType>;

/**
 * Loads every document, as opening and the read-only CLI both do. A document added after the
 * workspace was made (and so absent) is its default; any other missing or damaged file refuses.
 */
export async function loadWorkspaceState(docs: WorkspaceDocuments): Promise<WorkspaceState> {
  const meta = await docs.meta.load();
  const ctx: DocumentDefaultContext = {
    creator: meta.createdBy,
    now: meta.createdAt,
    newId: randomUUID,
  };
  const state: Record<string, unknown> = { meta };
  for (const [key, def] of workspaceDocumentEntries()) {
    if (key === 'meta') continue;
    const doc = untyped(docs, key);
    state[key] =
      def.addedLater && def.default && !(await doc.exists()) ? def.schema.parse(def.default(ctx)) : await doc.load();
  }
  return state as WorkspaceState;
}

/**
 * Writes a new workspace: every document's default first, workspace.json last, so a folder only
 * looks like a workspace once it is complete.
 */
export async function writeNewWorkspace(
  docs: WorkspaceDocuments,
  meta: z.input<(typeof WORKSPACE_DOCUMENTS)['meta']['schema']>,
  ctx: DocumentDefaultContext,
): Promise<void> {
  for (const [key, def] of workspaceDocumentEntries()) {
    if (def.default) await untyped(docs, key).save(def.default(ctx));
  }
  await docs.meta.save(meta);
}
