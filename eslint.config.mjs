// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Layers, top to bottom: main -> graphql -> jobs -> domain -> context -> db -> common.
 * A file may import from its own layer and the layers below it, never above.
 * `up` lists, for each layer, the folders (relative to src/) it must not reach.
 */
const up = {
  common: ['db', 'context', 'domain', 'jobs', 'graphql', 'main'],
  db: ['context', 'domain', 'jobs', 'graphql', 'main'],
  context: ['domain', 'jobs', 'graphql', 'main'],
  domain: ['jobs', 'graphql', 'main'],
  jobs: ['graphql', 'main'],
  graphql: ['main'],
};

const layerRules = Object.entries(up).map(([layer, forbidden]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
            message: `src/${layer} may not import from a layer above it (${forbidden.join(', ')}).`,
          },
          {
            // Subpaths too ('graphql/error', 'type-graphql/dist/...'), and the GraphQL-only add-ons.
            regex: '^(graphql|type-graphql|graphql-[^/]+|@apollo/[^/]+|@envelop/[^/]+|@escape\\.tech/graphql-[^/]+)(/.*)?$',
            message: 'Only src/graphql speaks GraphQL.',
          },
        ].filter((p) => layer !== 'graphql' || !p.regex.startsWith('^(graphql')),
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  ...layerRules,
  {
    files: ['migrations/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^(\\.\\./)+src(/|$)', message: 'Migrations import nothing from src.' }] }],
    },
  },
  {
    files: ['scripts/**/*.ts', 'bench/**/*.ts', 'src/main.ts', 'test/**/*.ts', '**/*.js', '**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    // GraphQL answers in tests are read as loose JSON, as a client script would.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
