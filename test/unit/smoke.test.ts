import { test } from 'vitest';
import { fixture } from '/work/main/test/helpers/fixture.js';
import { holeContextAt } from '/work/main/server/src/holes/context.js';

test('smoke', () => {
  const f = fixture({
    'types.ts': `export interface User { id: number; name: string; address: Address }\nexport interface Address { city: string }\nexport function makeUser(name: string): User { return { id: 1, name, address: { city: '' } }; }\nexport function count(): number { return 1 }`,
    'main.ts': `import { User } from './types';\nconst other = 3;\nfunction greet(u: User, n: number): string { return u.name; }\nconst bob: User = _();\nfunction f(x: User) { const y: number = /*|*/ }\nconst z = greet(_(), 3);\nasync function g(): Promise<User> { return _(); }\nconst arr: User[] = [_()];\nconst c: string = true ? _() : 'a';\nx.`,
  });
  const file = f.file('main.ts');
  for (const off of [f.offsetOf('main.ts', '_();'), f.cursor('main.ts'), f.offsetOf('main.ts', '_(), 3'), f.offsetOf('main.ts', 'return _()', 8), f.offsetOf('main.ts', '[_()]', 1), f.offsetOf('main.ts', "_() : 'a'")]) {
    const t = performance.now();
    const ctx = holeContextAt(f.workspace, file, off);
    console.log((performance.now() - t).toFixed(1), 'ms', JSON.stringify({ hole: ctx.hole, prefix: ctx.prefix, exp: ctx.expectedType?.text, defs: ctx.expectedType?.definitions.length, b: ctx.bindings.map(b => `${b.name}:${b.kind}:${b.distance}:${b.type}`), types: ctx.relevantTypes.map(t => t.name + '/' + t.reason), headers: ctx.relevantHeaders.map(h => h.signature + ' @' + h.score + ' ' + h.reason), enc: ctx.enclosing?.signature }));
  }
  f.dispose();
});
