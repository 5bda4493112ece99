/**
 * The dependency rules of the codebase, checked by `npm run lint` (dependency-cruiser).
 * Layers, from the bottom: shared -> db -> graphql -> features -> the composition roots (schema.ts, app.ts,
 * main.ts, cli/). A layer never imports one above it, and no import cycle is allowed anywhere.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make modules impossible to read, test or load on their own.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'src-not-to-tools',
      severity: 'error',
      comment:
        'The service does not depend on development tools; only the entry points (main.ts, cli/) inject the local Neo4j starter.',
      from: { path: '^src/', pathNot: '^src/(main\\.ts|cli/)' },
      to: { path: '^tools/' },
    },
    {
      name: 'src-not-to-tests-or-bench',
      severity: 'error',
      comment: 'Production code never imports test or benchmark code.',
      from: { path: '^(src|tools)/' },
      to: { path: '^(tests|bench)/' },
    },
    {
      name: 'shared-is-the-bottom',
      severity: 'error',
      comment: 'shared/ holds plumbing every layer uses; it knows none of them.',
      from: { path: '^src/(shared|model)/' },
      to: { path: '^src/(db|graphql|features|web|explorer|ide|cli)/|^src/(app|schema|main)\\.ts$' },
    },
    {
      name: 'db-below-graphql',
      severity: 'error',
      comment: 'The database layer knows nothing of GraphQL or of the features.',
      from: { path: '^src/db/' },
      to: { path: '^src/(graphql|features|web|explorer|ide|cli)/|^src/(app|schema|main)\\.ts$' },
    },
    {
      name: 'graphql-below-features',
      severity: 'error',
      comment: 'GraphQL plumbing (context, loaders registry, pagination, guards) knows no feature.',
      from: { path: '^src/graphql/' },
      to: { path: '^src/(features|web|explorer|ide|cli)/|^src/(app|schema|main)\\.ts$' },
    },
    {
      name: 'features-below-roots',
      severity: 'error',
      comment: 'Features are composed by schema.ts and app.ts, never the other way round.',
      from: { path: '^src/features/' },
      to: { path: '^src/(cli|ide|explorer)/|^src/(app|schema|main)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|bench/peer)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
