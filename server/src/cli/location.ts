/**
 * `FILE:LINE:COL` as users write it (1-based) to a file and an offset; a column past a line's end stops at the end of
 * the line, a line past the file's end is refused.
 */
import * as path from 'node:path';
import { SpackleError } from '../errors.js';

export interface FileLocation {
  file: string;
  /** 1-based, as compilers print them. */
  line: number;
  column: number;
}

/** Parses `FILE:LINE:COL` (the file part may itself hold colons). */
export function parseFileLocation(arg: string | undefined): FileLocation {
  const match = arg ? /^(.+):(\d+):(\d+)$/.exec(arg) : null;
  if (!match) throw new SpackleError('invalidParams', `expected FILE:LINE:COL, got ${arg ?? 'nothing'}`);
  const line = Number(match[2]);
  const column = Number(match[3]);
  if (line < 1 || column < 1) throw new SpackleError('invalidParams', 'LINE and COL start at 1');
  return { file: path.resolve(match[1]), line, column };
}

/** Offset of a 1-based line and column in `text`; a column past the line's end means its end. */
export function offsetOf(text: string, line: number, column: number): number {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', start);
    if (next < 0) throw new SpackleError('invalidPosition', `line ${line} is past the end of the file`);
    start = next + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (end > start && text[end - 1] === '\r') end--;
  return Math.min(start + column - 1, end);
}

/** 1-based line and column of an offset. */
export function lineColumnOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
