import { PostgresAdapter, sql } from 'kysely';
import { searchGrams, searchKey, type SearchType } from '@kairos/domain/search';
import type { Executor } from '../../db/schema';
import { pinyinInitials } from './pinyin';
import type { SearchIndexTable } from './search.table';

/** What a record contributes to search: its row and its searchable values. */
export interface SearchSource {
  row: SearchIndexTable;
  values: string[];
}

const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

function entry(workspaceId: string, type: SearchType, id: string, customerId: string, title: string, subtitle: string | null, owner: { owner_id: string | null; department_id: string | null }, others: (string | null)[]): SearchSource {
  const values = [title, pinyinInitials(title), ...others].filter((v): v is string => !!v && searchKey(v) !== '');
  return {
    row: {
      workspace_id: workspaceId,
      entity_type: type,
      entity_id: id,
      customer_id: customerId,
      title,
      subtitle,
      name_key: searchKey(title),
      body: values.map(searchKey).join(' '),
      owner_id: owner.owner_id,
      department_id: owner.department_id,
    },
    values,
  };
}

/** The live records among `ids` (a deleted customer takes its contacts and deals out of search with it). */
async function loadSources(db: Executor, workspaceId: string, type: SearchType, ids: readonly string[]): Promise<SearchSource[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  switch (type) {
    case 'customer': {
      const rows = await db
        .selectFrom('customers')
        .select(['id', 'name', 'city', 'phone', 'uscc', 'domain_key', 'owner_id', 'department_id'])
        .where('workspace_id', '=', workspaceId)
        .where('id', 'in', list)
        .where('deleted_at', 'is', null)
        .execute();
      return rows.map((r) => entry(workspaceId, 'customer', r.id, r.id, r.name, r.city, r, [r.phone, r.uscc, r.domain_key]));
    }
    case 'contact': {
      const rows = await db
        .selectFrom('contacts as k')
        .innerJoin('customers as c', (j) => j.onRef('c.workspace_id', '=', 'k.workspace_id').onRef('c.id', '=', 'k.customer_id'))
        .select(['k.id', 'k.name', 'k.customer_id', 'c.name as customer_name', 'k.mobile', 'k.phone', 'k.email', 'k.wechat', 'c.owner_id', 'c.department_id'])
        .where('k.workspace_id', '=', workspaceId)
        .where('k.id', 'in', list)
        .where('k.deleted_at', 'is', null)
        .where('c.deleted_at', 'is', null)
        .execute();
      return rows.map((r) => entry(workspaceId, 'contact', r.id, r.customer_id, r.name, r.customer_name, r, [r.mobile, r.phone, r.email, r.wechat]));
    }
    case 'opportunity': {
      const rows = await db
        .selectFrom('opportunities as o')
        .innerJoin('customers as c', (j) => j.onRef('c.workspace_id', '=', 'o.workspace_id').onRef('c.id', '=', 'o.customer_id'))
        .select(['o.id', 'o.name', 'o.customer_id', 'c.name as customer_name', 'o.owner_id', 'o.department_id'])
        .where('o.workspace_id', '=', workspaceId)
        .where('o.id', 'in', list)
        .where('o.deleted_at', 'is', null)
        .where('c.deleted_at', 'is', null)
        .execute();
      return rows.map((r) => entry(workspaceId, 'opportunity', r.id, r.customer_id, r.name, r.customer_name, r, []));
    }
  }
}

async function removeEntries(db: Executor, workspaceId: string, type: SearchType, ids: readonly string[]): Promise<void> {
  if (!isPostgres(db)) {
    await sql`delete from search_fts where rowid in (select rowid from search_index where workspace_id = ${workspaceId} and entity_type = ${type} and entity_id in (${sql.join([...ids])}))`.execute(db);
  }
  await db.deleteFrom('search_index').where('workspace_id', '=', workspaceId).where('entity_type', '=', type).where('entity_id', 'in', [...ids]).execute();
}

/** Writes sources' rows and terms. The caller has removed any earlier entries of the same records. */
export async function insertEntries(db: Executor, sources: readonly SearchSource[]): Promise<void> {
  if (sources.length === 0) return;
  if (isPostgres(db)) {
    await db
      .insertInto('search_index')
      .values(sources.map((s) => ({ ...s.row, grams: searchGrams(s.values) }) as SearchIndexTable))
      .execute();
    return;
  }
  await db.insertInto('search_index').values(sources.map((s) => s.row)).execute();
  for (const s of sources) {
    await sql`insert into search_fts (rowid, terms) select rowid, ${searchGrams(s.values).join(' ')} from search_index where workspace_id = ${s.row.workspace_id} and entity_type = ${s.row.entity_type} and entity_id = ${s.row.entity_id}`.execute(db);
  }
}

/**
 * Brings the search entries of these records in line with their rows: called in the transaction of every
 * write that changes what search shows (name, phones, owner, deletion…). Gone or deleted records leave.
 */
export async function refreshSearch(db: Executor, workspaceId: string, type: SearchType, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await removeEntries(db, workspaceId, type, chunk);
    await insertEntries(db, await loadSources(db, workspaceId, type, chunk));
  }
}

/** A customer and everything shown under its name or scope: its contacts and deals. */
export async function refreshCustomerFamily(db: Executor, workspaceId: string, customerId: string): Promise<void> {
  await refreshSearch(db, workspaceId, 'customer', [customerId]);
  const [contacts, deals] = await Promise.all([
    db.selectFrom('contacts').select('id').where('workspace_id', '=', workspaceId).where('customer_id', '=', customerId).execute(),
    db.selectFrom('opportunities').select('id').where('workspace_id', '=', workspaceId).where('customer_id', '=', customerId).execute(),
  ]);
  await refreshSearch(db, workspaceId, 'contact', contacts.map((r) => r.id));
  await refreshSearch(db, workspaceId, 'opportunity', deals.map((r) => r.id));
}

/** Rebuilds every entry from the base tables (migrations, repairs, and the tests' consistency oracle). */
export async function rebuildSearchIndex(db: Executor): Promise<void> {
  const workspaces = await db.selectFrom('workspaces').select('id').execute();
  for (const { id: workspaceId } of workspaces) {
    for (const [type, table] of [['customer', 'customers'], ['contact', 'contacts'], ['opportunity', 'opportunities']] as const) {
      const ids = (await db.selectFrom(table).select('id').where('workspace_id', '=', workspaceId).execute()).map((r) => r.id);
      await refreshSearch(db, workspaceId, type, ids);
    }
  }
}
