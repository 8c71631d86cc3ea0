/** What `spackle doctor` reads of a project (workspace/facts.ts) where its integration test does not go. */
import { writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { projectFacts } from '../../../server/src/workspace/facts.js';
import { MAX_FILE_CHARS } from '../../../server/src/workspace/files.js';
import { useFixture } from '../../helpers/fixture.js';

describe('project facts', () => {
  test('name a file of the project over the size limit', () => {
    const f = useFixture({ 'main.ts': 'export const x = 1;\n', 'generated.ts': '' });
    writeFileSync(f.file('generated.ts'), `// ${'x'.repeat(MAX_FILE_CHARS)}\n`);
    const facts = projectFacts(f.workspace, f.file('main.ts'));
    expect(facts.tooLarge).toEqual([f.file('generated.ts')]);
    expect(facts.config).toBe(f.file('tsconfig.json'));
  });
});
