/**
 * What the fill features (completion, inline completion, code actions, the fill command) share: the fills by the engine
 * the settings choose, the one fill confident enough to show unasked, and its edit.
 */
import type { TextEdit } from 'vscode-languageserver/node';
import type { Budget, FillResult } from '../analysis.js';
import type { Session } from './session.js';

export type Fill = FillResult['fills'][number];

/** The fills of the hole at `offset` by the engine the user's settings choose; cancellable. */
export function fillsAt(
  session: Session,
  file: string,
  offset: number,
  budget: Budget,
  limit = session.settings.fill.limit,
): Promise<FillResult> {
  return session.analysis.fill(file, offset, limit, budget);
}

/**
 * The fill to show or apply unasked (ghost text, the fill command): the best one that type-checks. A cursor hole
 * that nothing constrains has none: its fills are merely the nearest bindings; nor has a hole whose type does not
 * resolve: nothing could be checked.
 */
export function confidentFill(result: FillResult): Fill | undefined {
  if ((result.hole.kind === 'cursor' && !result.constrained) || result.unresolved) return undefined;
  return result.fills.find((fill) => fill.verified);
}

/** The edit putting `fill` in place of the hole: `_()`, or the identifier (member name) at a cursor hole. */
export function fillEdit(session: Session, result: FillResult, fill: Fill): TextEdit {
  const { file, start, end } = result.hole;
  return { range: session.positions.range(file, start, end), newText: fill.text };
}

/** The document's text of the hole (`_()`, `_<T>()`, or the identifier at a cursor hole). */
export function holeText(session: Session, result: FillResult): string {
  const { file, start, end } = result.hole;
  return session.positions.document(file).getText().slice(start, end);
}
