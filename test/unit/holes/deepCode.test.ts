import { Budget } from '../../../server/src/budget.js';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { forEachDescendant, innermostAt, nodeAt } from '../../../server/src/ts/ast.js';
import { holeContextAt, holesIn } from '../../../server/src/holes/context.js';
import { repairsAt } from '../../../server/src/repair/repairError.js';
import { fillIn } from '../../helpers/fill.js';
import { useFixture } from '../../helpers/fixture.js';

/**
 * A generated table: `"s" + "s" + …`, a chain as deep as it is long (TypeScript parses and checks it iteratively).
 */
const chain = (terms: number) => `export const table = ${Array(terms).fill('"s"').join(' + ')};\n`;

const PROJECT = {
  'src/generated.ts': chain(10_000),
  'src/main.ts': `import { table } from './generated';
export function label(code: number): string {
  return table + code;
}
export const title: string = _();
export const count = label(_()).length;
`,
};

describe('code nested thousands of levels deep', () => {
  it('a generated file on disk leaves the project working: holes, contexts, fills, repairs elsewhere', async () => {
    const f = useFixture(PROJECT);
    const main = f.file('src/main.ts');
    expect(holesIn(f.workspace, main).map((h) => h.expectedType)).toEqual(['string', 'number']);
    expect(holeContextAt(f.workspace, main, f.offsetOf('src/main.ts', '_()')).expectedType?.text).toBe('string');
    const fills = fillIn(f, { file: 'src/main.ts', at: '_()' }).fills.map((fill) => fill.text);
    expect(fills).toContain('table');
    const snapshot = f.workspace.snapshot(main);
    const offset = f.offsetOf('src/main.ts', 'table + code');
    expect(await repairsAt(snapshot, offset, offset, [], {}, Budget.of(5000))).toEqual([]);
  });

  it('the walks over a syntax tree do not recurse: a 100,000-term chain is walked, searched and pointed into', () => {
    const sourceFile = ts.createSourceFile('chain.ts', chain(100_000), ts.ScriptTarget.Latest, true);
    let identifiers = 0;
    let literals = 0;
    forEachDescendant(sourceFile, (node) => {
      if (ts.isIdentifier(node)) identifiers++;
      if (ts.isStringLiteral(node)) literals++;
    });
    expect([identifiers, literals]).toEqual([1, 100_000]);
    const last = sourceFile.text.lastIndexOf('"s"') + 1;
    expect(nodeAt(sourceFile, last).kind).toBe(ts.SyntaxKind.StringLiteral);
    // The chain is left-deep: only the outermost `+` holds the last term.
    const binary = innermostAt(sourceFile, last, ts.isBinaryExpression);
    expect(binary?.right.getStart(sourceFile)).toBe(last - 1);
    expect(binary?.parent.kind).toBe(ts.SyntaxKind.VariableDeclaration);
  });

  it('visits in source order, skips children on request and stops when told, as a recursive walk would', () => {
    const sourceFile = ts.createSourceFile(
      'a.ts',
      'function f(a: number) { return [a, g(a + 1)]; }\nconst x = { y: 1 };',
      ts.ScriptTarget.Latest,
      true,
    );
    const recursive: string[] = [];
    const visit = (node: ts.Node): void => {
      recursive.push(ts.SyntaxKind[node.kind]);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(sourceFile, visit);
    const iterative: string[] = [];
    forEachDescendant(sourceFile, (node) => void iterative.push(ts.SyntaxKind[node.kind]));
    expect(iterative).toEqual(recursive);

    const skipped: string[] = [];
    forEachDescendant(sourceFile, (node) => {
      skipped.push(ts.SyntaxKind[node.kind]);
      if (ts.isFunctionDeclaration(node)) return 'skip';
      return ts.isObjectLiteralExpression(node) ? 'stop' : undefined;
    });
    expect(skipped).toEqual([
      'FunctionDeclaration',
      ts.SyntaxKind[ts.SyntaxKind.VariableStatement],
      'VariableDeclarationList',
      'VariableDeclaration',
      'Identifier',
      'ObjectLiteralExpression',
    ]);
  });
});
