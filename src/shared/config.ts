/**
 * Configuration from the environment (and an optional .env, loaded by the entry point).
 * Every variable is validated once at start-up; all bad values are reported together.
 */
import { bool, cleanEnv, makeValidator, num, str, EnvError, type ReporterOptions } from 'envalid';

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

const NEO4J_SCHEMES = ['bolt:', 'bolt+s:', 'bolt+ssc:', 'neo4j:', 'neo4j+s:', 'neo4j+ssc:'];

const neo4jUri = makeValidator<string>((value) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EnvError(`"${value}" is not a URI such as bolt://localhost:7687 or neo4j+s://host:7687`);
  }
  if (!NEO4J_SCHEMES.includes(url.protocol)) {
    throw new EnvError(`scheme "${url.protocol}" is not one of ${NEO4J_SCHEMES.map((s) => s.slice(0, -1)).join(', ')}`);
  }
  return value;
});

const memorySize = makeValidator<string>((value) => {
  if (!/^\d+[kmg]$/i.test(value)) throw new EnvError(`"${value}" is not a Java memory size such as 512m or 1g`);
  return value.toLowerCase();
});

/** 0 is allowed and means "any free port" (used by tests). */
const tcpPort = makeValidator<number>((value) => {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed > 65_535) throw new EnvError(`"${value}" is not a TCP port (0-65535)`);
  return parsed;
});

const specs = {
  NEO4J_URI: neo4jUri({
    default: undefined,
    desc: 'Bolt or neo4j:// URI of the database; unset: npm start runs the managed local Neo4j',
  }),
  NEO4J_USER: str({ default: 'neo4j' }),
  NEO4J_PASSWORD: str({ default: '' }),
  NEO4J_DATABASE: str({ default: 'neo4j' }),
  NEO4J_CONNECT_TIMEOUT_MS: num({ default: 30_000, desc: 'How long start-up retries to reach Neo4j' }),
  NEO4J_TX_TIMEOUT_MS: num({ default: 30_000, desc: 'Neo4j terminates a transaction that runs longer' }),
  NEO4J_MAX_RETRY_MS: num({ default: 5_000, desc: 'How long a transiently failing transaction is retried' }),
  NEO4J_BOLT_CONNECT_TIMEOUT_MS: num({ default: 1_000, desc: 'How long opening a Bolt connection may take' }),
  NEO4J_LOCAL_BOLT_PORT: tcpPort({ default: 7687 }),
  NEO4J_LOCAL_HEAP: memorySize({ default: '512m' }),
  NEO4J_LOCAL_PAGECACHE: memorySize({ default: '128m' }),
  NEO4J_LOCAL_HOME: str({ default: '.neo4j' }),
  NEO4J_LOCAL_VERSION: str({ default: '5.26.30', desc: 'Neo4j Community version the managed local Neo4j runs' }),
  PORT: tcpPort({ default: 4000 }),
  HOST: str({ default: '127.0.0.1' }),
  LOG_LEVEL: str({ default: 'info', choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] }),
  NODE_ENV: str({
    default: 'production',
    choices: ['development', 'production', 'test'],
    desc: 'production hides internals from clients; `npm run dev` sets development',
  }),
  SHUTDOWN_TIMEOUT_MS: num({ default: 10_000, desc: 'How long a stop waits for requests in flight' }),
  GRAPHQL_INTROSPECTION: bool({
    default: undefined,
    desc: 'Whether the schema can be introspected (the IDE needs it); unset: on, except with NODE_ENV=production',
  }),
  GRAPHQL_MAX_DEPTH: num({ default: 12 }),
  GRAPHQL_MAX_COMPLEXITY: num({
    default: 20_000,
    desc: 'Most items a query may ask for, each list priced by its page size',
  }),
  GRAPHQL_MAX_ALIASES: num({ default: 30 }),
  GRAPHQL_MAX_TOKENS: num({ default: 5_000, desc: 'Documents with more tokens are refused while parsing' }),
  AUTH_TOKENS: str({
    default: '',
    desc: 'Static API tokens for writes: comma-separated name:role:token (role: editor or admin)',
  }),
  JWT_SECRET: str({ default: '', desc: 'HS256 secret to verify JWTs' }),
  JWT_JWKS_URL: str({ default: '', desc: 'JWKS URL to verify JWTs (RS256/ES256...)' }),
  JWT_ISSUER: str({ default: '' }),
  JWT_AUDIENCE: str({ default: '' }),
  JWT_ROLE_CLAIM: str({ default: 'role', desc: 'Claim holding the role (string or list)' }),
  JWT_MAX_LIFETIME_S: num({ default: 86_400, desc: 'Longest accepted JWT lifetime (exp is required)' }),
  CORS_ORIGINS: str({ default: '*', desc: 'Comma-separated origins allowed to call the API from a browser, or *' }),
  EXPORT_CONCURRENCY: num({ default: 3, desc: 'Exports reading the graph at once; more get 429 with Retry-After' }),
  EXPORT_IDLE_TIMEOUT_MS: num({
    default: 30_000,
    desc: 'A download of /export/* that makes no progress (the client reads nothing) for this long is cut',
  }),
  EXPORT_WRITE_DEADLINE_MS: num({
    default: 10 * 60_000,
    desc: 'A download of /export/* not complete after this long is cut, however slowly it still reads',
  }),
  // Betweenness takes about 7 s at 10,000 partnerships and grows with nodes × partnerships (bench:network).
  METRICS_MAX_RELATIONSHIPS: num({
    default: 10_000,
    desc: 'Most partnerships a network metrics query may compute on; a larger subgraph is refused',
  }),
  ANALYSIS_WORKERS: num({ default: 2, desc: 'Worker threads that analyse documents (analyzeDocument)' }),
  ANALYSIS_TIMEOUT_MS: num({
    default: 10_000,
    desc: 'Longest analysis of one document; past it the worker is replaced and the request refused',
  }),
  ANALYSIS_QUEUE_LIMIT: num({
    default: 8,
    desc: 'Analyses that may wait for a worker; more are refused with 429 and Retry-After',
  }),
  EXPORT_ACCESS: str({
    default: 'public',
    choices: ['public', 'editor'],
    desc: 'Who may download /export/*: anyone, or editors and admins with a token',
  }),
  EMBED_FRAME_ANCESTORS: str({
    default: '*',
    desc: "CSP frame-ancestors of /explorer/embed/<id> only (who may frame an embedded map): * , 'self' or origins; every other page keeps 'none'",
  }),
  PUBLIC_URL: str({
    default: '',
    desc: "Public base URL (https://graph.example.org) for absolute links such as the reconciliation manifest's; unset: each request's own",
  }),
};

/** Every variable the service reads (docs/configuration.md and .env.example list each one). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(specs);

export interface Config {
  neo4j: {
    /** undefined: use the managed local Neo4j. */
    uri: string | undefined;
    user: string;
    password: string;
    database: string;
    connectTimeoutMs: number;
    transactionTimeoutMs: number;
    maxTransactionRetryTimeMs: number;
    connectionTimeoutMs: number;
  };
  localNeo4j: { boltPort: number; heap: string; pageCache: string; home: string; version: string };
  http: { port: number; host: string };
  logLevel: string;
  nodeEnv: 'development' | 'production' | 'test';
  introspection: boolean;
  graphqlLimits: { maxDepth: number; maxComplexity: number; maxAliases: number; maxTokens: number };
  shutdownTimeoutMs: number;
  corsOrigins: string[] | '*';
  auth: AuthConfig;
  exports: {
    concurrency: number;
    access: 'public' | 'editor';
    /** When a download is cut: after `idleMs` without progress, or `deadlineMs` after it started. */
    timeouts: { idleMs: number; deadlineMs: number };
  };
  /** The CSP frame-ancestors source list of /explorer/embed/<id> (EMBED_FRAME_ANCESTORS); other pages: 'none'. */
  embedFrameAncestors: string;
  /** Scheme, host and any path prefix, without a trailing slash; null: taken from each request. */
  publicUrl: string | null;
  metrics: { maxRelationships: number };
  analysis: { workers: number; timeoutMs: number; queueLimit: number };
}

export type Role = 'editor' | 'admin';
export const ROLES: readonly Role[] = ['editor', 'admin'];

export interface StaticToken {
  name: string;
  role: Role;
  token: string;
}

export interface AuthConfig {
  tokens: StaticToken[];
  jwt: {
    secret?: string;
    jwksUrl?: string;
    issuer?: string;
    audience?: string;
    roleClaim: string;
    /** A token must expire, and no later than this many seconds from now. */
    maxLifetimeSeconds: number;
  } | null;
}

/** "alice:editor:s3cret,ops:admin:t0ken" -> tokens; every malformed entry is a problem. */
function parseTokens(value: string, problems: string[]): StaticToken[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .flatMap((entry, i) => {
      const [name, role, ...rest] = entry.split(':');
      const token = rest.join(':');
      if (!name || !ROLES.includes(role as Role) || token.length < 16) {
        problems.push(
          `AUTH_TOKENS: entry ${i + 1} must be name:role:token with role editor or admin and a token of 16+ characters`,
        );
        return [];
      }
      return [{ name, role: role as Role, token }];
    });
}

/** One source of a CSP frame-ancestors list: a keyword, *, or a scheme/host source (no ; , or quotes). */
const FRAME_SOURCE = /^(\*|'self'|'none'|https?:|(https?:\/\/)?(\*\.)?[a-z0-9.-]+(:(\d+|\*))?(\/[^\s;,'"]*)?)$/i;

function throwAllProblems({ errors }: ReporterOptions<typeof specs>): void {
  const problems = Object.entries(errors).map(([name, error]) => {
    const message = (error as Error | undefined)?.message ?? 'invalid';
    return `${name}: ${message.replace(/^Invalid value for env var \S+$/, 'invalid value')}`;
  });
  if (problems.length > 0) throw new ConfigError(problems);
}

export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const env = cleanEnv(environment, specs, { reporter: throwAllProblems });
  const nodeEnv = env.NODE_ENV;
  const problems: string[] = [];
  const tokens = parseTokens(env.AUTH_TOKENS, problems);
  if (env.JWT_JWKS_URL && !/^https?:\/\//.test(env.JWT_JWKS_URL)) problems.push('JWT_JWKS_URL: must be an http(s) URL');
  if (env.JWT_SECRET && env.JWT_SECRET.length < 32) problems.push('JWT_SECRET: must be at least 32 characters');
  if (!Number.isInteger(env.EXPORT_CONCURRENCY) || env.EXPORT_CONCURRENCY < 1) {
    problems.push('EXPORT_CONCURRENCY: must be a whole number of at least 1');
  }
  if (env.PUBLIC_URL && !/^https?:\/\/[^\s?#]+$/.test(env.PUBLIC_URL)) {
    problems.push('PUBLIC_URL: must be an http(s) URL without query or fragment');
  }
  const embedFrameAncestors = env.EMBED_FRAME_ANCESTORS.trim().replace(/\s+/g, ' ');
  if (!embedFrameAncestors.split(' ').every((source) => FRAME_SOURCE.test(source))) {
    problems.push(
      "EMBED_FRAME_ANCESTORS: must be *, 'self', 'none' or space-separated origins such as https://news.example.org",
    );
  }
  if (!Number.isInteger(env.METRICS_MAX_RELATIONSHIPS) || env.METRICS_MAX_RELATIONSHIPS < 1) {
    problems.push('METRICS_MAX_RELATIONSHIPS: must be a whole number of at least 1');
  }
  for (const [name, value, min] of [
    ['EXPORT_IDLE_TIMEOUT_MS', env.EXPORT_IDLE_TIMEOUT_MS, 100],
    ['EXPORT_WRITE_DEADLINE_MS', env.EXPORT_WRITE_DEADLINE_MS, 100],
    ['ANALYSIS_WORKERS', env.ANALYSIS_WORKERS, 1],
    ['ANALYSIS_TIMEOUT_MS', env.ANALYSIS_TIMEOUT_MS, 100],
    ['ANALYSIS_QUEUE_LIMIT', env.ANALYSIS_QUEUE_LIMIT, 0],
  ] as const) {
    if (!Number.isInteger(value) || value < min) problems.push(`${name}: must be a whole number of at least ${min}`);
  }
  if (env.EXPORT_WRITE_DEADLINE_MS < env.EXPORT_IDLE_TIMEOUT_MS) {
    problems.push('EXPORT_WRITE_DEADLINE_MS: must be at least EXPORT_IDLE_TIMEOUT_MS');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const jwtConfigured = Boolean(env.JWT_SECRET || env.JWT_JWKS_URL);
  return {
    neo4j: {
      uri: env.NEO4J_URI,
      user: env.NEO4J_USER,
      password: env.NEO4J_PASSWORD,
      database: env.NEO4J_DATABASE,
      connectTimeoutMs: env.NEO4J_CONNECT_TIMEOUT_MS,
      transactionTimeoutMs: env.NEO4J_TX_TIMEOUT_MS,
      maxTransactionRetryTimeMs: env.NEO4J_MAX_RETRY_MS,
      connectionTimeoutMs: env.NEO4J_BOLT_CONNECT_TIMEOUT_MS,
    },
    localNeo4j: {
      boltPort: env.NEO4J_LOCAL_BOLT_PORT,
      heap: env.NEO4J_LOCAL_HEAP,
      pageCache: env.NEO4J_LOCAL_PAGECACHE,
      home: env.NEO4J_LOCAL_HOME,
      version: env.NEO4J_LOCAL_VERSION,
    },
    http: { port: env.PORT, host: env.HOST },
    logLevel: env.LOG_LEVEL,
    nodeEnv,
    // The IDE needs it: on unless turned off, except in production, where it is off unless turned on.
    introspection: env.GRAPHQL_INTROSPECTION ?? nodeEnv !== 'production',
    graphqlLimits: {
      maxDepth: env.GRAPHQL_MAX_DEPTH,
      maxComplexity: env.GRAPHQL_MAX_COMPLEXITY,
      maxAliases: env.GRAPHQL_MAX_ALIASES,
      maxTokens: env.GRAPHQL_MAX_TOKENS,
    },
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    corsOrigins:
      env.CORS_ORIGINS.trim() === '*'
        ? '*'
        : env.CORS_ORIGINS.split(',')
            .map((origin) => origin.trim())
            .filter(Boolean),
    auth: {
      tokens,
      jwt: jwtConfigured
        ? {
            secret: env.JWT_SECRET || undefined,
            jwksUrl: env.JWT_JWKS_URL || undefined,
            issuer: env.JWT_ISSUER || undefined,
            audience: env.JWT_AUDIENCE || undefined,
            roleClaim: env.JWT_ROLE_CLAIM,
            maxLifetimeSeconds: env.JWT_MAX_LIFETIME_S,
          }
        : null,
    },
    exports: {
      concurrency: env.EXPORT_CONCURRENCY,
      access: env.EXPORT_ACCESS === 'editor' ? 'editor' : 'public',
      timeouts: { idleMs: env.EXPORT_IDLE_TIMEOUT_MS, deadlineMs: env.EXPORT_WRITE_DEADLINE_MS },
    },
    embedFrameAncestors,
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : null,
    metrics: { maxRelationships: env.METRICS_MAX_RELATIONSHIPS },
    analysis: {
      workers: env.ANALYSIS_WORKERS,
      timeoutMs: env.ANALYSIS_TIMEOUT_MS,
      queueLimit: env.ANALYSIS_QUEUE_LIMIT,
    },
  };
}
