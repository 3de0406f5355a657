// Every instrumentation the agent can enable, under the names OpenTelemetry users already know
// from OTEL_NODE_ENABLED_INSTRUMENTATIONS (the package suffix: `express`, `pg`, `mongodb`...).
// The upstream ones are the set `@opentelemetry/auto-instrumentations-node` ships; Fastify
// comes through `@fastify/otel` and Hono through our own. Each entry names the modules it
// instruments, so an app that has none of them installed never loads the package: loading all
// of them costs start-up time for modules the app cannot use.

/** One entry of the catalogue. */
export interface CatalogueEntry {
  /** Package the instrumentation class is exported from ('' for one that is ours alone). */
  pkg: string;
  /** Exported class name. */
  exportName: string;
  /** Modules it patches; `builtin` for Node's own (always present). */
  modules: string[] | 'builtin';
  /** Off unless named in OTEL_NODE_ENABLED_INSTRUMENTATIONS. */
  offByDefault?: boolean;
  /** Enabled only when this environment variable is set (e.g. inside AWS Lambda). */
  onlyWithEnv?: string;
}

const upstream = (exportName: string, modules: string[] | 'builtin', extra: Partial<CatalogueEntry> = {}) => ({ exportName, modules, ...extra });

// Name → [class, modules]; the package is `@opentelemetry/instrumentation-<name>`.
const upstreamEntries = {
  amqplib: upstream('AmqplibInstrumentation', ['amqplib']),
  'aws-lambda': upstream('AwsLambdaInstrumentation', 'builtin', { onlyWithEnv: 'AWS_LAMBDA_FUNCTION_NAME' }),
  'aws-sdk': upstream('AwsInstrumentation', ['aws-sdk', '@smithy/smithy-client', '@aws-sdk/smithy-client']),
  bunyan: upstream('BunyanInstrumentation', ['bunyan']),
  'cassandra-driver': upstream('CassandraDriverInstrumentation', ['cassandra-driver']),
  connect: upstream('ConnectInstrumentation', ['connect']),
  cucumber: upstream('CucumberInstrumentation', ['@cucumber/cucumber']),
  dataloader: upstream('DataloaderInstrumentation', ['dataloader']),
  dns: upstream('DnsInstrumentation', 'builtin', { offByDefault: true }),
  // Off by default: the agent names Express routes itself (req.baseUrl + req.route.path), and the
  // upstream instrumentation's per-layer wrappers cost ~45 % more CPU per request even for the
  // requests that are not traced, for middleware spans most users filter out. On by name.
  express: upstream('ExpressInstrumentation', ['express'], { offByDefault: true }),
  fs: upstream('FsInstrumentation', 'builtin', { offByDefault: true }),
  'generic-pool': upstream('GenericPoolInstrumentation', ['generic-pool']),
  graphql: upstream('GraphQLInstrumentation', ['graphql']),
  grpc: upstream('GrpcInstrumentation', ['@grpc/grpc-js']),
  hapi: upstream('HapiInstrumentation', ['@hapi/hapi']),
  'host-metrics': upstream('HostMetricsInstrumentation', 'builtin', { offByDefault: true }),
  http: upstream('HttpInstrumentation', 'builtin'),
  ioredis: upstream('IORedisInstrumentation', ['ioredis']),
  kafkajs: upstream('KafkaJsInstrumentation', ['kafkajs']),
  knex: upstream('KnexInstrumentation', ['knex']),
  koa: upstream('KoaInstrumentation', ['koa']),
  'lru-memoizer': upstream('LruMemoizerInstrumentation', ['lru-memoizer']),
  memcached: upstream('MemcachedInstrumentation', ['memcached']),
  mongodb: upstream('MongoDBInstrumentation', ['mongodb']),
  mongoose: upstream('MongooseInstrumentation', ['mongoose']),
  mysql: upstream('MySQLInstrumentation', ['mysql']),
  mysql2: upstream('MySQL2Instrumentation', ['mysql2']),
  'nestjs-core': upstream('NestInstrumentation', ['@nestjs/core']),
  net: upstream('NetInstrumentation', 'builtin', { offByDefault: true }),
  openai: upstream('OpenAIInstrumentation', ['openai']),
  oracledb: upstream('OracleInstrumentation', ['oracledb']),
  pg: upstream('PgInstrumentation', ['pg']),
  pino: upstream('PinoInstrumentation', ['pino']),
  redis: upstream('RedisInstrumentation', ['redis', '@redis/client', '@node-redis/client']),
  restify: upstream('RestifyInstrumentation', ['restify']),
  // Off by default for the reasons of `express` above (it is Express 5's router), and because it
  // starts a span for every handler whatever the request: under a request the head sampler left
  // out that span has no parent, so it began a trace of its own. On by name.
  router: upstream('RouterInstrumentation', ['router'], { offByDefault: true }),
  'runtime-node': upstream('RuntimeNodeInstrumentation', 'builtin'),
  'socket.io': upstream('SocketIoInstrumentation', ['socket.io']),
  tedious: upstream('TediousInstrumentation', ['tedious']),
  undici: upstream('UndiciInstrumentation', 'builtin'),
  winston: upstream('WinstonInstrumentation', ['winston']),
} satisfies Record<string, Omit<CatalogueEntry, 'pkg'>>;

/** Every instrumentation, by the name used in OTEL_NODE_(EN|DIS)ABLED_INSTRUMENTATIONS. */
export const catalogue: Record<string, CatalogueEntry> = {
  ...Object.fromEntries(
    Object.entries(upstreamEntries).map(([name, e]) => [name, { pkg: `@opentelemetry/instrumentation-${name}`, ...e }]),
  ),
  fastify: { pkg: '@fastify/otel', exportName: 'FastifyOtelInstrumentation', modules: ['fastify'] },
  // Ours alone (instrumentations/index.ts builds it): no package to load.
  hono: { pkg: '', exportName: '', modules: ['hono'] },
};

/** Every known instrumentation name, sorted. */
export const instrumentationNames: readonly string[] = Object.keys(catalogue).sort();
