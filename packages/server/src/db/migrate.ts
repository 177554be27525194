import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Db, Engine } from './schema';
import * as foundation from './migrations/0001-foundation';
import * as customers from './migrations/0002-customers';
import * as followups from './migrations/0003-followups';
import * as contacts from './migrations/0004-contacts';
import * as opportunities from './migrations/0005-opportunities';
import * as search from './migrations/0006-search';
import * as comments from './migrations/0007-comments';
import * as customFields from './migrations/0008-custom-fields';
import * as merge from './migrations/0009-merge';
import * as views from './migrations/0010-views';
import * as files from './migrations/0011-files';
import * as recycleBinIndexes from './migrations/0012-recycle-bin-indexes';
import * as notifications from './migrations/0013-notifications';
import * as stageGates from './migrations/0014-stage-gates';

type EngineMigration = { up(db: Kysely<unknown>, engine: Engine): Promise<void> };

/** In order. Never edit a migration that has shipped; add a new one. */
const MIGRATIONS: Record<string, EngineMigration> = {
  '0001-foundation': foundation,
  '0002-customers': customers,
  '0003-followups': followups,
  '0004-contacts': contacts,
  '0005-opportunities': opportunities,
  '0006-search': search,
  '0007-comments': comments,
  '0008-custom-fields': customFields,
  '0009-merge': merge,
  '0010-views': views,
  '0011-files': files,
  '0012-recycle-bin-indexes': recycleBinIndexes,
  '0013-notifications': notifications,
  '0014-stage-gates': stageGates,
};

class EngineMigrationProvider implements MigrationProvider {
  constructor(private readonly engine: Engine) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(MIGRATIONS).map(([name, m]) => [name, { up: (db: Kysely<unknown>) => m.up(db, this.engine) }]),
    );
  }
}

/** Brings the schema up to date. Kysely's migrator takes a lock, so instances starting together are safe. */
export async function migrateToLatest(db: Db, engine: Engine): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new EngineMigrationProvider(engine) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
