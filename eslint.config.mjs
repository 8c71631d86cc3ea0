/**
 * Lint: the direction of every import inside the server (the layer table below, ARCHITECTURE.md's rules as a lint
 * rule), nothing shipped importing benches or tests, unused code, functions of the server over 60 lines or 5
 * parameters without a reason, and rules turned off without one. Formatting is prettier's (.prettierrc.json).
 */
import tseslint from 'typescript-eslint';
import { layers } from './eslint/layers.mjs';
import { reasons } from './eslint/reasons.mjs';

/**
 * For each part of server/src (a folder, or a file at its root), the parts it may import: each layer those below it,
 * and `lsp/` and `cli/` only the front door (`analysis.ts`) and the shared plain modules.
 */
const BASE = ['errors', 'log', 'version', 'ts', 'budget'];
const LAYERS = {
  errors: [],
  log: [],
  version: [],
  ts: [],
  budget: ['errors'],
  config: ['log'],
  workspace: [...BASE],
  holes: [...BASE, 'workspace'],
  check: [...BASE, 'workspace', 'holes'],
  synth: [...BASE, 'workspace', 'holes', 'check'],
  repair: [...BASE, 'workspace', 'holes', 'check', 'synth'],
  models: [...BASE, 'config'],
  prompt: [...BASE, 'config', 'holes', 'models'],
  decode: [...BASE, 'config', 'workspace', 'holes', 'check', 'models', 'prompt'],
  llm: [...BASE, 'config', 'workspace', 'holes', 'check', 'synth', 'repair', 'models', 'prompt', 'decode'],
  complete: [...BASE, 'config', 'workspace', 'holes', 'check', 'models', 'prompt', 'decode', 'llm'],
  engines: [...BASE, 'config', 'workspace', 'holes', 'synth', 'repair', 'models', 'llm', 'complete'],
  analysis: [...BASE, 'config', 'workspace', 'holes', 'check', 'synth', 'repair', 'models', 'complete', 'engines'],
  lsp: ['errors', 'log', 'version', 'budget', 'config', 'analysis'],
  cli: ['errors', 'log', 'version', 'budget', 'config', 'analysis'],
  main: [...BASE, 'cli', 'lsp'],
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'bench/results/',
      'clients/',
      'scratch/',
      'test/editors/fixtures/',
      'examples/',
    ],
  },
  {
    files: ['**/*.ts', '**/*.mjs'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { spackle: { rules: { layers, reasons } }, '@typescript-eslint': tseslint.plugin },
    rules: {
      'spackle/layers': ['error', LAYERS],
      'spackle/reasons': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // A function over 60 lines or 5 parameters does several jobs: split it, or say on the line above why it is one
    // (`// eslint-disable-next-line max-lines-per-function -- why`: `spackle/reasons` wants the why).
    files: ['server/src/**/*.ts'],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-params': ['error', 5],
    },
  },
);
