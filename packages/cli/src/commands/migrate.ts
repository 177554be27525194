import type { Config } from '@kairos/server/config';
import { connectDatabase } from '@kairos/server/db/connect';
import { migrateToLatest } from '@kairos/server/db/migrate';

export async function migrateCommand(config: Config) {
  const database = connectDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, sqliteSynchronous: config.sqliteSynchronous });
  try {
    const applied = await migrateToLatest(database.db, database.engine);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database schema is up to date.');
  } finally {
    await database.close();
  }
}
