// Lint, including the layering rules of ARCHITECTURE.md as errors (the folder a file lives in is its contract).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'tls', 'url', 'util', 'stream', 'events', 'zlib', 'buffer', 'process', 'worker_threads', 'dgram', 'dns', 'readline', 'module', 'assert', 'timers'];
const simulators = { group: ['**/simulators/**', '**/simulators'], message: 'simulators/ are dev and test peers: never imported by src/.' };
// A regex, not a glob: a glob 'electron/*' would also match a relative './electron/x' module.
const electron = { regex: '^electron(/.*)?$', message: "Only src/main/electron and src/preload import 'electron'." };
const serverCode = { group: ['**/server/**', '@vdex/server', '@vdex/server/*'], message: 'The kiosk never imports server/.' };

/** no-restricted-imports for a folder, with the shared groups plus its own. */
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'server/node_modules/**', 'test-results/**', '**/fixtures/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // src/shared: pure TypeScript, no Node, no DOM, no electron.
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    languageOptions: { globals: {} },
    rules: restrict(
      { group: nodeBuiltins, message: 'src/shared is pure TypeScript: no Node modules.' },
      { group: ['react', 'react-dom', 'react-dom/*'], message: 'src/shared has no DOM or React.' },
      { group: ['**/main/**', '**/devices/**', '**/renderer/**', '**/preload/**', '**/cli/**'], message: 'src/shared imports only src/shared.' },
      electron, simulators, serverCode,
    ),
  },
  // src/devices: Node only, never electron, never main/renderer.
  {
    files: ['src/devices/**/*.ts'],
    rules: restrict(electron, simulators, serverCode, { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/devices sits below main: it imports only src/shared and its own files.' }),
  },
  // src/main outside electron/: plain Node.
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: restrict(electron, simulators, serverCode, { group: ['**/renderer/**', '**/preload/**'], message: 'src/main never imports the renderer or preload.' }),
  },
  { files: ['src/main/electron/**/*.ts'], rules: restrict(simulators, serverCode) },
  { files: ['src/preload/**/*.ts'], rules: restrict(simulators, serverCode) },
  { files: ['src/cli/**/*.ts'], rules: restrict(electron, serverCode, { group: ['**/renderer/**', '**/preload/**'], message: 'The CLI runs under Node: no renderer or preload code.' }) },
  // src/renderer: only src/shared and its own files; everything else through window.kiosk.
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        { group: nodeBuiltins, message: 'The renderer has no Node: reach the kiosk through window.kiosk.' },
        { group: ['**/main/**', '**/devices/**', '**/preload/**', '**/cli/**'], message: 'The renderer imports only src/shared and its own files; the rest is reached through window.kiosk.' },
        electron, simulators, serverCode,
      ),
    },
  },
  // server/: may import src/shared; never electron, never kiosk internals.
  {
    files: ['server/**/*.ts'],
    rules: restrict(electron, { group: ['**/src/main/**', '**/src/renderer/**', '**/src/preload/**'], message: 'server/ may import only src/shared from the kiosk (and src/devices/rd for the PID verifier).' }),
  },
  { files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'bench/**'], rules: { '@typescript-eslint/no-non-null-assertion': 'off' } },
);
