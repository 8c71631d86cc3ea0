/**
 * The `spackle/layers` lint rule: which parts of `server/src` may import which, as ARCHITECTURE.md's rules say. A part
 * is a folder under `server/src` or a file at its root; the table in `eslint.config.mjs` lists, for each, the parts it
 * may import. A part missing from the table is itself an error, so that a new folder gets a rule. What ships
 * (`server/src`, `protocol`) imports nothing from `bench/` or `test/`; `protocol/` imports nothing of the server.
 */
import * as path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const SERVER = path.join(ROOT, 'server/src');

/** The part of `server/src` a file belongs to: its top folder, or its own name for a file at the root. */
function partOf(file) {
  const relative = path.relative(SERVER, file);
  if (relative.startsWith('..')) return undefined;
  const [first, ...rest] = relative.split(path.sep);
  return rest.length ? first : first.replace(/\.(ts|js)$/, '');
}

function topFolder(file) {
  return path.relative(ROOT, file).split(path.sep)[0];
}

export const layers = {
  meta: {
    type: 'problem',
    schema: [{ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } }],
    messages: {
      forbidden: '{{from}} may not import {{to}} (allowed: {{allowed}}); see ARCHITECTURE.md',
      unknown: '{{from}} has no row in the layer table of eslint.config.mjs',
      shipped: 'what ships (server/src, protocol) imports nothing from {{to}}/',
      protocol: 'protocol/ is the wire contract: it imports nothing of the server',
    },
  },
  create(context) {
    const table = context.options[0] ?? {};
    const file = context.filename;
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.resolve(path.dirname(file), source);
      const fromTop = topFolder(file);
      const toTop = topFolder(target);
      if ((fromTop === 'server' || fromTop === 'protocol') && (toTop === 'bench' || toTop === 'test')) {
        return context.report({ node: node.source, messageId: 'shipped', data: { to: toTop } });
      }
      if (fromTop === 'protocol' && toTop === 'server') {
        return context.report({ node: node.source, messageId: 'protocol' });
      }
      const from = partOf(file);
      const to = partOf(target);
      if (!from || !to || from === to) return;
      const allowed = table[from];
      if (!allowed) return context.report({ node: node.source, messageId: 'unknown', data: { from } });
      if (!allowed.includes(to)) {
        context.report({ node: node.source, messageId: 'forbidden', data: { from, to, allowed: allowed.join(', ') } });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
