import { PostgresAdapter, sql } from 'kysely';
import { SEARCHABLE_FIELD_TYPES } from '@kairos/domain/custom-fields';
import { recordScopeTerms, searchGrams, searchKey, type SearchType } from '@kairos/domain/search';
import { fromJson } from '../../shared/json';
import { fieldsOf } from '../custom-fields/custom-fields.service';
import type { Db, Executor } from '../../db/schema';
import { pinyinInitials } from './pinyin';
import type { SearchIndexTable } from './search.table';

/** What a record contributes to search: its row, its searchable values and its scope terms. */
export interface SearchSource {
  row: SearchIndexTable;
  values: string[];
  scope: string[];
}

type Scope = { owner_id: string | null; department_id: string | null; department_path: string | null; team?: string[] };

const isPostgres = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;

export function searchSource(workspaceId: string, type: SearchType, id: string, customerId: string, title: string, subtitle: string | null, owner: Scope, others: (string | null)[]): SearchSource {
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
    scope: recordScopeTerms({ ownerId: owner.owner_id, departmentId: owner.department_id, departmentPath: owner.department_path, teamUserIds: owner.team }),
  };
}

/** Everything the inverted index holds for a record: text terms and scope terms. */
const termsOf = (s: SearchSource) => [...searchGrams(s.values), ...s.scope];

/**
 * The live records among `ids` (a deleted customer takes its contacts and deals out of search with it).
 * With `hidden`, the values of those fields are left out: what a member with hidden fields may match on.
 */
export async function loadSources(db: Executor, workspaceId: string, type: SearchType, ids: readonly string[], hidden: ReadonlySet<string> = new Set()): Promise<SearchSource[]> {
  if (ids.length === 0) return [];
  const list = [...ids];
  const shown = <T>(field: string, value: T) => (hidden.has(field) ? null : value);
  // Text-like custom fields are found like built-in ones.
  const searchable = (await fieldsOf(db, workspaceId, type)).filter((f) => SEARCHABLE_FIELD_TYPES.includes(f.type) && !hidden.has(`custom.${f.key}`)).map((f) => f.key);
  const customTexts = (json: string) => searchable.map((key) => fromJson<Record<string, unknown>>(json, {})[key]).filter((v): v is string => typeof v === 'string');
  switch (type) {
    case 'customer': {
      const rows = await db
        .selectFrom('customers as c')
        .leftJoin('departments as d', (j) => j.onRef('d.workspace_id', '=', 'c.workspace_id').onRef('d.id', '=', 'c.department_id'))
        .select(['c.id', 'c.name', 'c.city', 'c.phone', 'c.uscc', 'c.domain_key', 'c.owner_id', 'c.department_id', 'd.path as department_path', 'c.custom'])
        .where('c.workspace_id', '=', workspaceId)
        .where('c.id', 'in', list)
        .where('c.deleted_at', 'is', null)
        .execute();
      return rows.map((r) => searchSource(workspaceId, 'customer', r.id, r.id, r.name, shown('city', r.city), r, [shown('phone', r.phone), shown('uscc', r.uscc), shown('website', r.domain_key), ...customTexts(r.custom)]));
    }
    case 'contact': {
      const rows = await db
        .selectFrom('contacts as k')
        .innerJoin('customers as c', (j) => j.onRef('c.workspace_id', '=', 'k.workspace_id').onRef('c.id', '=', 'k.customer_id'))
        .leftJoin('departments as d', (j) => j.onRef('d.workspace_id', '=', 'c.workspace_id').onRef('d.id', '=', 'c.department_id'))
        .select(['k.id', 'k.name', 'k.customer_id', 'c.name as customer_name', 'k.mobile', 'k.phone', 'k.email', 'k.wechat', 'c.owner_id', 'c.department_id', 'd.path as department_path', 'k.custom'])
        .where('k.workspace_id', '=', workspaceId)
        .where('k.id', 'in', list)
        .where('k.deleted_at', 'is', null)
        .where('c.deleted_at', 'is', null)
        .execute();
      return rows.map((r) => searchSource(workspaceId, 'contact', r.id, r.customer_id, r.name, r.customer_name, r, [shown('mobile', r.mobile), shown('phone', r.phone), shown('email', r.email), shown('wechat', r.wechat), ...customTexts(r.custom)]));
    }
    case 'opportunity': {
      const rows = await db
        .selectFrom('opportunities as o')
        .innerJoin('customers as c', (j) => j.onRef('c.workspace_id', '=', 'o.workspace_id').onRef('c.id', '=', 'o.customer_id'))
        .leftJoin('departments as d', (j) => j.onRef('d.workspace_id', '=', 'o.workspace_id').onRef('d.id', '=', 'o.department_id'))
        .select(['o.id', 'o.name', 'o.customer_id', 'c.name as customer_name', 'o.owner_id', 'o.department_id', 'd.path as department_path', 'o.custom'])
        .where('o.workspace_id', '=', workspaceId)
        .where('o.id', 'in', list)
        .where('o.deleted_at', 'is', null)
        .where('c.deleted_at', 'is', null)
        .execute();
      const team = await db.selectFrom('deal_team_members').select(['opportunity_id', 'user_id']).where('workspace_id', '=', workspaceId).where('opportunity_id', 'in', list).execute();
      return rows.map((r) => searchSource(workspaceId, 'opportunity', r.id, r.customer_id, r.name, r.customer_name, { ...r, team: team.filter((t) => t.opportunity_id === r.id).map((t) => t.user_id) }, customTexts(r.custom)));
    }
  }
}

async function removeEntries(db: Executor, workspaceId: string, type: SearchType, ids: readonly string[]): Promise<void> {
  if (!isPostgres(db)) {
    await sql`delete from search_fts where rowid in (select rowid from search_index where workspace_id = ${workspaceId} and entity_type = ${type} and entity_id in (${sql.join([...ids])}))`.execute(db);
  }
  await db.deleteFrom('search_index').where('workspace_id', '=', workspaceId).where('entity_type', '=', type).where('entity_id', 'in', [...ids]).execute();
}

/** Writes sources' rows and terms, 500 rows a statement. The caller has removed earlier entries of the same records. */
export async function insertEntries(db: Executor, sources: readonly SearchSource[]): Promise<void> {
  const postgres = isPostgres(db);
  for (let i = 0; i < sources.length; i += 500) {
    const chunk = sources.slice(i, i + 500);
    if (postgres) {
      await db
        .insertInto('search_index')
        .values(chunk.map((s) => ({ ...s.row, grams: termsOf(s) }) as SearchIndexTable))
        .execute();
      continue;
    }
    await db.insertInto('search_index').values(chunk.map((s) => s.row)).execute();
    for (const s of chunk) {
      await sql`insert into search_fts (rowid, terms) select rowid, ${termsOf(s).join(' ')} from search_index where workspace_id = ${s.row.workspace_id} and entity_type = ${s.row.entity_type} and entity_id = ${s.row.entity_id}`.execute(db);
    }
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

const REBUILD_PENDING = 'search_rebuild_pending';

/** Asks for the whole index to be rebuilt at the next start (used by migrations that change what is indexed). */
export async function markSearchRebuildPending(db: Executor): Promise<void> {
  const any = await db.selectFrom('workspaces').select('id').limit(1).executeTakeFirst();
  if (any) await db.insertInto('system_settings').values({ key: REBUILD_PENDING, value: new Date().toISOString() }).onConflict((oc) => oc.column('key').doNothing()).execute();
}

/**
 * Runs a rebuild a migration asked for, once: the flag is taken in the rebuild's transaction, so of
 * several instances starting together one rebuilds and the others find nothing to do.
 */
export async function rebuildSearchIndexIfPending(db: Db): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx.deleteFrom('system_settings').where('key', '=', REBUILD_PENDING).executeTakeFirst();
    if (Number(taken.numDeletedRows) === 0) return false;
    await rebuildSearchIndex(trx);
    return true;
  });
}

/** After a department moves, the records in its subtree have new "within" terms. */
export async function refreshSearchOfDepartments(db: Executor, workspaceId: string, departmentIds: readonly string[]): Promise<void> {
  if (departmentIds.length === 0) return;
  const rows = await db.selectFrom('search_index').select(['entity_type', 'entity_id']).where('workspace_id', '=', workspaceId).where('department_id', 'in', [...departmentIds]).execute();
  for (const type of ['customer', 'contact', 'opportunity'] as const) {
    await refreshSearch(db, workspaceId, type, rows.filter((r) => r.entity_type === type).map((r) => r.entity_id));
  }
}
