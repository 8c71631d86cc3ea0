import { describe, expect, it } from 'vitest';
import { lineColumnOf, offsetOf, parseFileLocation } from '../../../server/src/cli/location.js';

describe('FILE:LINE:COL', () => {
  it('splits from the right so paths may hold colons', () => {
    expect(parseFileLocation('/tmp/a:b.ts:3:7')).toEqual({ file: '/tmp/a:b.ts', line: 3, column: 7 });
  });

  it('refuses what is not a location', () => {
    expect(() => parseFileLocation('a.ts:3')).toThrow(/FILE:LINE:COL/);
    expect(() => parseFileLocation('a.ts:0:1')).toThrow(/start at 1/);
    expect(() => parseFileLocation(undefined)).toThrow(/got nothing/);
  });
});

describe('offsets of 1-based lines and columns', () => {
  const text = 'const a = 1;\r\nconst b = a;\nlast';

  it('round-trips', () => {
    const offset = text.indexOf('b =');
    const { line, column } = lineColumnOf(text, offset);
    expect({ line, column }).toEqual({ line: 2, column: 7 });
    expect(offsetOf(text, line, column)).toBe(offset);
  });

  it('clamps a column past the line end to the end, before a CR', () => {
    expect(offsetOf(text, 1, 99)).toBe(text.indexOf('\r'));
    expect(offsetOf(text, 3, 99)).toBe(text.length);
  });

  it('refuses a line past the end', () => {
    expect(() => offsetOf(text, 4, 1)).toThrow(/past the end/);
  });
});
