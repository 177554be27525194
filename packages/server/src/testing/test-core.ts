import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app';
import { manualClock } from '../clock';
import { readConfig, type Config } from '../config';
import type { Core } from '../core';
import { connectDatabase } from '../db/connect';
import type { Engine } from '../db/schema';
import { openCore } from '../main';

/** Which engine this test run targets; the vitest project sets it. */
export function testEngine(): Engine {
  return process.env.KAIROS_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestCore {
  core: Core;
  clock: ReturnType<typeof manualClock>;
  config: Config;
  /** Simulates a restart: closes every connection and opens the same database again. */
  reopen(): Promise<Core>;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database on the engine under test: a temporary SQLite file, or a new PostgreSQL
 * database created from TEST_DATABASE_URL and dropped afterwards. Nothing is shared between files.
 */
export async function openTestCore(overrides: Partial<Config> = {}): Promise<TestCore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kairos-test-'));
  const clock = manualClock(new Date());
  let databaseUrl: string | null = null;
  let dropDatabase = async () => undefined as void;
  if (testEngine() === 'postgres') {
    const base = process.env.TEST_DATABASE_URL;
    if (!base) throw new Error('KAIROS_TEST_ENGINE=postgres needs TEST_DATABASE_URL');
    const name = `kairos_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const config: Config = { ...readConfig({}), dataDir, databaseUrl, logLevel: 'silent', ...overrides };
  const open = () => openCore(config, { clock, logger: pino({ level: 'silent' }), database: connectDatabase({ databaseUrl, dataDir, poolSize: 5 }) });
  let current = await open();
  const handle: TestCore = {
    core: current.core,
    clock,
    config,
    reopen: async () => {
      await current.close();
      current = await open();
      handle.core = current.core;
      return current.core;
    },
    close: async () => {
      await current.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

export interface TestApp extends TestCore {
  app: FastifyInstance;
}

export async function openTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const test = await openTestCore(overrides);
  const app = await buildApp(test.core, { serveWeb: false });
  await app.ready();
  return {
    ...test,
    app,
    close: async () => {
      await app.close();
      await test.close();
    },
  };
}
