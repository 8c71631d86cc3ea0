import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { holesIn } from '../../../server/src/holes/context.js';
import { FileStore, MAX_FILE_CHARS } from '../../../server/src/workspace/files.js';
import { useFixture } from '../../helpers/fixture.js';

/** A store that records what it refused. */
function store() {
  const files = new FileStore();
  const refused: Array<[string, string, string]> = [];
  files.onRefused = (file, refusal) => refused.push([file, refusal.reason, refusal.message]);
  return { files, refused };
}

const PROJECT = {
  'src/main.ts': "import { table } from './table';\nexport const size: number = _();\nexport const first = table;\n",
  'src/table.ts': 'export const table = [1, 2, 3];\n',
};

describe('FileStore: files on disk', () => {
  it.skipIf(process.platform === 'win32')(
    'a FIFO is refused at once, not waited on; the rest of the project is analysed',
    () => {
      const f = useFixture(PROJECT);
      execFileSync('mkfifo', [f.file('src/pipe.ts')]);
      writeFileSync(f.file('src/main.ts'), `import { pipe } from './pipe';\n${f.text('src/main.ts')}`);
      const { files, refused } = store();
      expect(files.text(f.file('src/pipe.ts'))).toBeUndefined();
      expect(files.exists(f.file('src/pipe.ts'))).toBe(false);
      expect(refused).toEqual([
        [f.file('src/pipe.ts'), 'unsupportedFile', 'pipe.ts is not a regular file (a device, FIFO or socket)'],
      ]);
      expect(files.refusal(f.file('src/pipe.ts'))?.reason).toBe('unsupportedFile');

      // The workspace reads the same way: the FIFO is left out, the holes of the file importing it are found.
      const holes = holesIn(f.workspace, f.file('src/main.ts'));
      expect(holes.map((h) => h.expectedType)).toEqual(['number']);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'a device is refused, never read (/dev/zero would grow without end), also through a symlink',
    () => {
      const f = useFixture(PROJECT);
      symlinkSync('/dev/zero', f.file('src/zero.ts'));
      const { files, refused } = store();
      expect(files.text('/dev/zero')).toBeUndefined();
      expect(files.text(f.file('src/zero.ts'))).toBeUndefined();
      expect(refused.map(([, reason]) => reason)).toEqual(['unsupportedFile', 'unsupportedFile']);
      // Asked again, it is not reported again.
      files.invalidate('/dev/zero');
      expect(files.text('/dev/zero')).toBeUndefined();
      expect(refused).toHaveLength(2);
    },
  );

  it('a directory or a missing file has no text and is no refusal', () => {
    const f = useFixture(PROJECT);
    mkdirSync(f.file('src/folder.ts'));
    const { files, refused } = store();
    expect(files.text(f.file('src/folder.ts'))).toBeUndefined();
    expect(files.text(f.file('src/missing.ts'))).toBeUndefined();
    expect(refused).toEqual([]);
    expect(files.refusal(f.file('src/missing.ts'))).toBeUndefined();
  });

  it('a file over the size limit is refused as documents are: by its size on disk, or by its characters', () => {
    const f = useFixture(PROJECT);
    writeFileSync(f.file('src/sparse.ts'), '');
    truncateSync(f.file('src/sparse.ts'), 3 * MAX_FILE_CHARS + 1);
    writeFileSync(f.file('src/generated.ts'), `export const s = '${'s'.repeat(MAX_FILE_CHARS)}';\n`);
    const { files, refused } = store();
    expect(files.text(f.file('src/sparse.ts'))).toBeUndefined();
    expect(files.text(f.file('src/generated.ts'))).toBeUndefined();
    expect(refused.map(([, reason, message]) => [reason, message])).toEqual([
      ['tooLarge', `sparse.ts is too large to analyse (${3 * MAX_FILE_CHARS + 1} bytes)`],
      ['tooLarge', `generated.ts is too large to analyse (${MAX_FILE_CHARS + 21} characters)`],
    ]);
  });

  it('reads UTF-8, with or without a byte order mark, and UTF-16 of either order, as TypeScript does', () => {
    const f = useFixture(PROJECT);
    const text = 'export const café = "\u{1F600}";\n';
    const utf16be = Buffer.from(text, 'utf16le').swap16();
    writeFileSync(f.file('src/plain.ts'), text);
    writeFileSync(f.file('src/bom8.ts'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    writeFileSync(f.file('src/le.ts'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    writeFileSync(f.file('src/be.ts'), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]));
    const { files } = store();
    for (const name of ['plain', 'bom8', 'le', 'be']) expect(files.text(f.file(`src/${name}.ts`)), name).toBe(text);
  });
});
