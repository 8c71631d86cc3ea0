/**
 * Hover over an explicit hole: its expected type and the best relevant headers, as Markdown; elsewhere null, so that
 * the editor's TypeScript server answers.
 */
import type { Hover, TextDocumentPositionParams } from 'vscode-languageserver/node';
import type { Budget } from '../../analysis.js';
import { positionParams } from '../convert.js';
import { orIfRefused } from '../guard.js';
import type { Session } from '../session.js';

const HEADERS_SHOWN = 5;

/**
 * Hover on an explicit hole: its expected type and the best headers. Elsewhere the other TS server answers. Clients
 * send hover for every document, so one Spackle does not analyse (markdown, untitled:) gets null, not an error.
 */
export function hover(session: Session, params: TextDocumentPositionParams, budget: Budget): Promise<Hover | null> {
  return orIfRefused(['unsupportedFile'], null, () => holeHover(session, params, budget));
}

function holeHover(session: Session, params: TextDocumentPositionParams, budget: Budget): Hover | null {
  const { file, offset } = positionParams(params, session.positions);
  if (!session.analysis.explicitHoleAt(file, offset)) return null;
  const ctx = session.analysis.holeContext(file, offset, session.settings.context, budget);
  const lines = [`**hole**: expected \`${ctx.expectedType?.text ?? 'any type'}\``];
  const best = ctx.relevantHeaders.slice(0, HEADERS_SHOWN);
  if (best.length) lines.push('', 'Fits:', '```typescript', ...best.map((h) => h.signature), '```');
  return {
    contents: { kind: 'markdown', value: lines.join('\n') },
    range: session.positions.range(file, ctx.hole.start, ctx.hole.end),
  };
}
