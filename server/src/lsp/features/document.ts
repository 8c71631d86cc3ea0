/**
 * `spackle/document`: an open document as the analysis has it, for a client to check its sync.
 */
import { createHash } from 'node:crypto';
import type { DocumentState, HolesParams } from '../../../../protocol/index.js';
import { uriToPath } from '../convert.js';
import type { OpenDocuments } from '../openDocuments.js';
import type { Session } from '../session.js';

/**
 * `spackle/document`: an open document as the server has it, to check a client's sync: the version of its last
 * change, and the digest of the text the analysis reads (not the sync layer's copy: both must have taken the edit).
 */
export function documentState(session: Session, documents: OpenDocuments, params: HolesParams): DocumentState | null {
  const file = uriToPath(params?.textDocument?.uri);
  const document = documents.get(params.textDocument.uri);
  const text = session.analysis.files.isOpen(file) ? session.analysis.files.text(file) : undefined;
  if (!document || text === undefined) return null;
  return {
    version: document.version,
    length: text.length,
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
  };
}
