/**
 * `spackle/holes` (every explicit hole of a document with its expected type) and the hole diagnostics published once a
 * document settles.
 */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { DIAGNOSTIC_SOURCE, HoleItem, HolesParams } from '../../../../protocol/index.js';
import { SpackleError } from '../../errors.js';
import { pathToUri, uriToPath } from '../convert.js';
import type { Session } from '../session.js';

/** `spackle/holes`: every explicit hole of a document with its expected type. */
export function holes(session: Session, params: HolesParams): HoleItem[] {
  const file = uriToPath(params?.textDocument?.uri);
  return session.analysis.holes(file).map(({ hole, expectedType }) => ({
    range: session.positions.range(file, hole.start, hole.end),
    kind: hole.kind,
    expectedType,
  }));
}

/** Publishes each explicit hole as an Information diagnostic (when the document settles: afterEdits.ts). */
export class HoleDiagnostics {
  constructor(private readonly session: Session) {}

  clear(file: string): void {
    void this.session.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics: [] });
  }

  publish(file: string): void {
    if (!this.session.analysis.files.isOpen(file)) return;
    let diagnostics: Diagnostic[] = [];
    try {
      if (this.session.settings.holeDiagnostics)
        diagnostics = holes(this.session, { textDocument: { uri: pathToUri(file) } }).map(toDiagnostic);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.session.logger.log(
        error instanceof SpackleError ? 'debug' : 'error',
        `hole diagnostics for ${file}: ${message}`,
      );
    }
    void this.session.connection.sendDiagnostics({ uri: pathToUri(file), diagnostics });
  }
}

function toDiagnostic(item: HoleItem): Diagnostic {
  return {
    range: item.range,
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: `hole: expected ${item.expectedType ?? 'any type'}`,
  };
}
