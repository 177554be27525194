import { sql } from 'kysely';
import pino, { type Logger } from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import type { Core } from './core';
import { checkPostgresLocale, connectDatabase, type DatabaseHandle } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { rebuildSearchIndexIfPending } from './features/search/search.index';
import { purgeExpiredSessions } from './features/auth/sessions.service';
import { loadOrCreateCursorSecret } from './features/setup/setup.service';
import { createCursorCodec } from './shared/cursor';
import { createSealer } from './shared/sealed';

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    // Never log credentials, whatever a future log line includes.
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.newPassword', '*.currentPassword', '*.token'], censor: '[redacted]' },
  });
}

/** Config → database (migrated) → core. Used by the server, the CLI and tests alike. */
export async function openCore(config: Config, options: { clock?: Clock; logger?: Logger; database?: DatabaseHandle } = {}): Promise<{ core: Core; close: () => Promise<void> }> {
  const logger = options.logger ?? createLogger(config);
  const database = options.database ?? connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, sqliteSynchronous: config.sqliteSynchronous, sqliteCacheMb: config.sqliteCacheMb });
  await migrateToLatest(database.db, database.engine);
  if (await rebuildSearchIndexIfPending(database.db)) logger.info('search index rebuilt after an upgrade');
  // Planner statistics: without them SQLite takes every index led by workspace_id for a selective one.
  // `optimize` analyses only what needs it, with a bounded sample, so start-up stays fast at any size.
  if (database.engine === 'sqlite') await sql`pragma optimize = 0x10002`.execute(database.db);
  if (database.engine === 'postgres') {
    const warning = await checkPostgresLocale(database.db);
    if (warning) logger.warn(warning);
  }
  const secret = await loadOrCreateCursorSecret(database.db);
  const core: Core = { db: database.db, engine: database.engine, clock: options.clock ?? systemClock, config, logger, cursors: createCursorCodec(secret), seals: createSealer(secret) };
  return { core, close: () => database.close() };
}

export interface RunningServer {
  app: FastifyInstance;
  core: Core;
  url: string;
  stop(): Promise<void>;
}

/** Starts serving; SIGTERM/SIGINT finish in-flight requests, then close the database. */
export async function startServer(
  config: Config,
  options: { beforeListen?: (core: Core) => Promise<void>; installSignalHandlers?: boolean } = {},
): Promise<RunningServer> {
  const { core, close } = await openCore(config);
  await options.beforeListen?.(core);
  const app = await buildApp(core);
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host}:${port}`;
  core.logger.info({ url, engine: core.engine, dataDir: core.engine === 'sqlite' ? config.dataDir : undefined }, `Kairos is listening on ${url}`);

  const sweep = setInterval(() => {
    purgeExpiredSessions(core).catch((err: unknown) => core.logger.warn({ err }, 'session sweep failed'));
  }, 60 * 60_000);
  sweep.unref();

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(sweep);
      core.logger.info('shutting down: finishing in-flight requests');
      // Keep-alive connections that finish a request while closing would hold close() for the keep-alive
      // timeout; hang them up as soon as they fall idle.
      const hangUp = setInterval(() => app.server.closeIdleConnections(), 50);
      await app.close().finally(() => clearInterval(hangUp));
      const deadline = Date.now() + 15_000;
      while (app.inFlight() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await close();
    })();
    return stopping;
  };
  for (const signal of options.installSignalHandlers === false ? [] : (['SIGTERM', 'SIGINT'] as const)) {
    process.once(signal, () => {
      stop().then(
        () => process.exit(0),
        (err: unknown) => {
          core.logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return { app, core, url, stop };
}
