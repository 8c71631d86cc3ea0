/**
 * `textDocument/codeAction`: "Fill hole" quick fixes at an explicit hole (its best fills that type-check, on the hole's
 * diagnostic), then the repairs of the compiler errors at the range (`repairActions.ts`).
 */
import { CodeAction, CodeActionKind, CodeActionParams, Range } from 'vscode-languageserver/node';
import type { Budget } from '../../analysis.js';
import { DIAGNOSTIC_SOURCE } from '../../../../protocol/index.js';
import { SpackleError } from '../../errors.js';
import { positionParams } from '../convert.js';
import { isRange } from '../openDocuments.js';
import { fillActionTitle } from '../fillPresentation.js';
import { fillEdit, fillsAt } from '../fills.js';
import { orIfRefused } from '../guard.js';
import { repairActions } from './repairActions.js';
import type { Session } from '../session.js';

const MAX_ACTIONS = 3;

/**
 * "Fill hole with `x`" on an explicit hole, for its best fills that type-check. They are quick fixes: the hole is a
 * reported problem (the `hole: expected T` diagnostic) and each action resolves it, so editors offer them on that
 * diagnostic (VS Code's light bulb, Neovim's and Emacs' code-action menus), the best one as preferred (auto-fix).
 * A refactoring would promise unchanged behaviour, which filling a hole does not keep. After them come the repairs
 * of the compiler errors at the range (repairActions.ts).
 */
export async function codeActions(session: Session, params: CodeActionParams, budget: Budget): Promise<CodeAction[]> {
  checkContext(params?.context);
  if (!wantsQuickFixes(params.context.only)) return [];
  return orIfRefused(['unsupportedFile'], [], async () => {
    const { file, offset } = positionParams(
      { textDocument: params?.textDocument, position: params?.range?.start },
      session.positions,
    );
    const repairs = await repairActions(session, params, file, budget);
    const hole = session.analysis.explicitHoleAt(file, offset);
    if (!hole) return repairs;
    const result = await fillsAt(session, file, hole.start, budget, Math.min(MAX_ACTIONS, session.settings.fill.limit));
    // Where the type does not resolve, nothing is verified: the fills are offered as guesses, none preferred.
    const fills = result.unresolved ? result.fills : result.fills.filter((fill) => fill.verified);
    const holeDiagnostics = (params.context?.diagnostics ?? []).filter((d) => d.source === DIAGNOSTIC_SOURCE);
    return [
      ...fills.map((fill, rank): CodeAction => {
        const edit = fillEdit(session, result, fill);
        return {
          title: fillActionTitle(fill.text, result.unresolved),
          kind: CodeActionKind.QuickFix,
          diagnostics: holeDiagnostics.filter((d) => sameRange(d.range, edit.range)),
          isPreferred: rank === 0 && !result.unresolved,
          edit: { changes: { [params.textDocument.uri]: [edit] } },
        };
      }),
      ...repairs,
    ];
  });
}

/** CodeActionContext: the diagnostics (each with a range) and, if any, the kinds wanted. */
function checkContext(context: unknown): asserts context is CodeActionParams['context'] {
  const { diagnostics, only } = (context ?? {}) as Partial<Record<keyof CodeActionParams['context'], unknown>>;
  const isDiagnostic = (d: unknown) => !!d && typeof d === 'object' && isRange((d as { range?: unknown }).range);
  if (!Array.isArray(diagnostics) || !diagnostics.every(isDiagnostic)) {
    throw new SpackleError('invalidParams', 'context.diagnostics must be a list of diagnostics, each with a range');
  }
  if (only !== undefined && !(Array.isArray(only) && only.every((kind) => typeof kind === 'string'))) {
    throw new SpackleError('invalidParams', 'context.only must be a list of code action kinds');
  }
}

/** `only` filters by kind prefix: `quickfix` matches `""`, `quickfix` and nothing else of ours. */
function wantsQuickFixes(only: string[] | undefined): boolean {
  return !only || only.some((kind) => kind === '' || kind === CodeActionKind.QuickFix);
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}
