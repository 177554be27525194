import type { Logger } from 'pino';
import type { Actor } from '@kairos/domain/policy';
import type { Locale } from '@kairos/domain/locale';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Db, Engine } from './db/schema';
import type { CursorCodec } from './shared/cursor';
import type { Sealer } from './shared/sealed';

/** What every service needs: the database, the clock, configuration and logging. Built once in main.ts. */
export interface Core {
  db: Db;
  engine: Engine;
  clock: Clock;
  config: Config;
  logger: Logger;
  cursors: CursorCodec;
  /** Sealed references (values only the server reads back), e.g. the duplicate check's askRef. */
  seals: Sealer;
}

/** Who is asking, in which request and language: passed to every service call made for a user. */
export interface RequestContext {
  actor: Actor;
  requestId: string;
  locale: Locale;
}

export function nowIso(core: Core): string {
  return core.clock.now().toISOString();
}
