/** The errors of some statements only (repair/fileErrors.ts), whatever the checker checked before. */
import { describe, expect, test } from 'vitest';
import { fileErrors } from '../../../server/src/repair/fileErrors.js';
import { useFixture } from '../../helpers/fixture.js';

describe('the errors of some statements', () => {
  test('are theirs only, though the checker checked the whole file before', () => {
    const f = useFixture({
      'main.ts': 'export const a: number = "one";\nexport const b: string = 2;\nexport const c: boolean = 3;\n',
    });
    const snapshot = f.workspace.snapshot(f.file('main.ts'));
    const statements = snapshot.sourceFile.statements;
    expect(fileErrors(snapshot, statements).map((e) => e.code)).toEqual([2322, 2322, 2322]);
    const second = fileErrors(snapshot, [statements[1]]);
    expect(second.map((e) => e.message)).toEqual(["Type 'number' is not assignable to type 'string'."]);
  });
});
