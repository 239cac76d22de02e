import type { DocumentMigrations } from './migrations';
import { WORKSPACE_DOCUMENTS, type WorkspaceDocumentFile } from './workspace-documents';

/** The upgrade path of every workspace document, by file name (each one is defined in its registry entry). */
export const DOCUMENT_MIGRATIONS = Object.fromEntries(
  Object.values(WORKSPACE_DOCUMENTS).map((def) => [def.file, def.migrations]),
) as Record<WorkspaceDocumentFile, DocumentMigrations>;
