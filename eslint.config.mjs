/**
 * Lint: the direction of every import inside the server (the layer table below, ARCHITECTURE.md's rules as a lint
 * rule), nothing shipped importing benches or tests, and unused code. Formatting is prettier's (.prettierrc.json).
 */
import tseslint from 'typescript-eslint';
import { layers } from './eslint/layers.mjs';

/** For each part of server/src (a folder, or a file at its root), the parts it may import. */
const LAYERS = {
  errors: [],
  log: [],
  version: [],
  turn: ['errors'],
  config: ['log'],
  workspace: ['errors', 'log'],
  holes: ['workspace', 'errors', 'log'],
  check: ['holes', 'workspace', 'errors'],
  synth: ['check', 'holes', 'workspace', 'errors', 'turn'],
  repair: ['synth', 'check', 'holes', 'workspace', 'errors', 'turn'],
  models: ['config', 'log'],
  prompt: ['config', 'holes', 'models'],
  decode: ['holes', 'models', 'prompt'],
  llm: ['check', 'config', 'decode', 'holes', 'log', 'models', 'prompt', 'repair', 'synth', 'workspace', 'errors'],
  engines: ['config', 'errors', 'llm', 'log', 'models', 'repair', 'synth', 'workspace'],
  lsp: ['config', 'engines', 'errors', 'holes', 'log', 'synth', 'version', 'workspace'],
  cli: ['config', 'engines', 'errors', 'holes', 'log', 'models', 'repair', 'synth', 'version', 'workspace'],
  main: ['cli', 'errors', 'lsp', 'version'],
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench/results/', 'clients/', 'scratch/', 'test/editors/fixtures/', 'examples/'] },
  {
    files: ['**/*.ts', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { spackle: { rules: { layers } }, '@typescript-eslint': tseslint.plugin },
    rules: {
      'spackle/layers': ['error', LAYERS],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
