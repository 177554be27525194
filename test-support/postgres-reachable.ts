import pg from 'pg';

/** Fails the run at once, with a clear message, when PostgreSQL is configured but not reachable. */
export default async function postgresReachable() {
  const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL is not reachable (${String(err)}). Start PostgreSQL or unset TEST_DATABASE_URL.`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
