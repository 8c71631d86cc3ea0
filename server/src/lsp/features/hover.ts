/**
 * Hover over an explicit hole: its expected type and the best relevant headers, as Markdown; elsewhere null, so that
 * the editor's TypeScript server answers.
 */
import type { Hover, TextDocumentPositionParams } from 'vscode-languageserver/node';
import { explicitHoleAt } from '../../holes/find.js';
import { holeContextAt } from '../../holes/context.js';
import { positionParams } from '../convert.js';
import { orIfRefused } from '../guard.js';
import type { Session } from '../session.js';

const HEADERS_SHOWN = 5;

/**
 * Hover on an explicit hole: its expected type and the best headers. Elsewhere the other TS server answers. Clients
 * send hover for every document, so one Spackle does not analyse (markdown, untitled:) gets null, not an error.
 */
export function hover(session: Session, params: TextDocumentPositionParams, isCancelled: () => boolean): Promise<Hover | null> {
  return orIfRefused(['unsupportedFile'], null, () => holeHover(session, params, isCancelled));
}

function holeHover(session: Session, params: TextDocumentPositionParams, isCancelled: () => boolean): Hover | null {
  const { file, offset } = positionParams(params, session.positions);
  const { sourceFile, checker } = session.workspace.snapshot(file);
  if (!explicitHoleAt(sourceFile, checker, offset)) return null;
  const ctx = holeContextAt(session.workspace, file, offset, { ...session.settings.context, isCancelled });
  const lines = [`**hole**: expected \`${ctx.expectedType?.text ?? 'any type'}\``];
  const best = ctx.relevantHeaders.slice(0, HEADERS_SHOWN);
  if (best.length) lines.push('', 'Fits:', '```typescript', ...best.map((h) => h.signature), '```');
  return {
    contents: { kind: 'markdown', value: lines.join('\n') },
    range: session.positions.range(file, ctx.hole.start, ctx.hole.end),
  };
}
