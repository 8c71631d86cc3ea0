/**
 * Quick fixes for compiler errors: the repairs at the range (answered from the repairs kept per program when they were
 * found ahead), each proven on the whole file and turned into its workspace edit, at once or at `codeAction/resolve`.
 */
import {
  CodeAction,
  CodeActionKind,
  CodeActionParams,
  CodeActionTriggerKind,
  Diagnostic,
  LSPErrorCodes,
  ResponseError,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { Budget, CompilerError, KnownError, REPAIRABLE_CODES, sameError, TextChange } from '../../analysis.js';
import { positionParams, uriToPath } from '../convert.js';
import type { Session } from '../session.js';

const TITLE_PREFIX = 'Spackle: ';

/** What a repair action carries until `codeAction/resolve` builds its edit. */
interface RepairActionData {
  spackle: 'repair';
  uri: string;
  /** The document's version the repair was verified on. */
  version: string;
  target: CompilerError;
  changes: TextChange[];
}

/**
 * "Spackle: …" quick fixes for the compiler errors at the requested range (and those the editor sends along): up to
 * 3 verified repairs per error, best first (preferred), the model's first when one is configured and the user asked.
 * Spackle finds the errors itself, checking only the statements
 * around the range, so it works beside any TypeScript server. When the client resolves edits lazily, the whole-file
 * proof and the edit wait for `codeAction/resolve`.
 */
export async function repairActions(
  session: Session,
  params: CodeActionParams,
  file: string,
  budget: Budget,
): Promise<CodeAction[]> {
  const { analysis, positions } = session;
  const start = positions.offsetAt(file, params.range.start);
  const end = positionParams({ textDocument: params.textDocument, position: params.range.end }, positions).offset;
  const sent = (params.context?.diagnostics ?? []).filter((d) => REPAIRABLE_CODES.has(Number(d.code)));
  const known = (d: Diagnostic): KnownError => ({
    start: positions.offsetAt(file, d.range.start),
    end: positions.offsetAt(file, d.range.end),
    code: Number(d.code),
  });
  // The model only when the user asked: an editor asks on its own as the cursor moves (a light bulb), and a model's
  // answer is too slow and too costly for that.
  const asked = params.context?.triggerKind !== CodeActionTriggerKind.Automatic;
  const perError = budget.within(session.settings.fill.deadlineMs);
  const results = await analysis.repairsAt(file, start, end, sent.map(known), asked, perError);
  const lazy = session.capabilities.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') ?? false;
  const uri = params.textDocument.uri;
  const version = analysis.files.version(file);
  const actions: CodeAction[] = [];
  for (const { target, repairs } of results) {
    repairs.forEach((repair, rank) => {
      const action: CodeAction = {
        title: `${TITLE_PREFIX}${repair.description}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: sent.filter((d) => sameError(known(d), target)),
        isPreferred: rank === 0,
      };
      if (lazy)
        action.data = { spackle: 'repair', uri, version, target, changes: repair.changes } satisfies RepairActionData;
      else action.edit = editOf(session, uri, file, repair.changes);
      actions.push(action);
    });
  }
  return actions;
}

/**
 * `codeAction/resolve` of a repair: proves it on the whole file (the offer checked the statements around it) and
 * builds its edit. An error when the document changed since, or when the whole file shows an error it adds.
 */
export function resolveRepairAction(session: Session, action: CodeAction): CodeAction {
  const data = action?.data as Partial<RepairActionData> | undefined;
  if (data?.spackle !== 'repair') return action;
  const file = uriToPath(data.uri);
  if (!data.target || !Array.isArray(data.changes) || data.version !== session.analysis.files.version(file)) {
    throw new ResponseError(
      LSPErrorCodes.ContentModified,
      'the document changed since this repair was offered: ask for code actions again',
    );
  }
  const proof = session.analysis.resolveRepair(file, data.changes, [data.target]);
  if (!proof.ok)
    throw new ResponseError(
      LSPErrorCodes.RequestFailed,
      `the repair does not hold on the whole file: ${proof.errors[0]}`,
    );
  return { ...action, edit: editOf(session, data.uri as string, file, data.changes) };
}

export function editOf(session: Session, uri: string, file: string, changes: TextChange[]): WorkspaceEdit {
  return {
    changes: {
      [uri]: changes.map((c): TextEdit => ({ range: session.positions.range(file, c.start, c.end), newText: c.text })),
    },
  };
}
