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

/** The no-restricted-imports patterns of a layer: nothing from a layer above it; GraphQL only in src/graphql. */
function layerPatterns(layer) {
  const forbidden = up[layer];
  return [
    {
      regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
      message: `src/${layer} may not import from a layer above it (${forbidden.join(', ')}).`,
    },
    {
      // Subpaths too ('graphql/error', 'type-graphql/dist/...'), and the GraphQL-only add-ons.
      regex: '^(graphql|type-graphql|graphql-[^/]+|@apollo/[^/]+|@envelop/[^/]+|@escape\\.tech/graphql-[^/]+)(/.*)?$',
      message: 'Only src/graphql speaks GraphQL.',
    },
  ].filter((p) => layer !== 'graphql' || !p.regex.startsWith('^(graphql'));
}

const layerRules = Object.keys(up).map((layer) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: { 'no-restricted-imports': ['error', { patterns: layerPatterns(layer) }] },
}));

/**
 * The areas of src/domain, bottom to top (docs/code-layout.md): a file of an area may
 * import from its own area and the areas before it, never from one after it, nor from
 * src/domain/reactions.ts, where the application wires how areas react to each other's domain
 * events. An area that must act when something happens in an earlier one subscribes there.
 */
const areas = ['shared', 'events', 'identity', 'calendars', 'clocks', 'catalog', 'agreements', 'compliance', 'incidents', 'escalations', 'reviews', 'settlement', 'claims', 'reporting', 'webhooks', 'imports', 'openslo', 'demo'];

// A later rule for the same files replaces the layer rule's options: each area repeats the domain's layer patterns.
const areaRules = areas.map((area, i) => {
  const later = areas.slice(i + 1);
  return {
    files: [`src/domain/${area}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...layerPatterns('domain'),
            {
              regex: `^(\\.\\./)+(domain/)?(${[...later, 'reactions'].join('|')})(/|$)`,
              message:
                `src/domain/${area} may not import from an area after it (${later.join(', ') || 'none'}) nor from the wiring of reactions: ` +
                'publish a domain event and let the later area subscribe in src/domain/reactions.ts.',
            },
          ],
        },
      ],
    },
  };
});

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
  ...areaRules,
  {
    // One clock per unit of work: the instant is read in RequestContext (ctx.now) and nowhere else.
    // A reading of real time that is not the application's (token expiry, pg-boss) says why in an
    // eslint-disable comment.
    files: ['src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'src/common/clock.ts', 'src/context/request-context.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Read the instant of the unit of work (ctx.now), not Date.now().' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read the instant of the unit of work (ctx.now), not new Date().' },
        { selector: "CallExpression[callee.property.name='now'][callee.object.property.name='clock']", message: 'The clock is read once, in RequestContext: use ctx.now.' },
        { selector: "CallExpression[callee.property.name='now'][callee.object.name='clock']", message: 'The clock is read once, in RequestContext: use ctx.now.' },
      ],
    },
  },
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
