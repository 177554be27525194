/**
 * One row per searchable record (customer, contact, deal), kept in the same transaction as every write
 * to it. The index terms live beside it: a GIN-indexed `grams text[]` column on PostgreSQL, the
 * `search_fts` FTS5 table (rowid = this row's rowid) on SQLite.
 */
export interface SearchIndexTable {
  workspace_id: string;
  entity_type: string;
  entity_id: string;
  /** The record's customer (itself for a customer), for links and for refreshing a customer's family. */
  customer_id: string;
  title: string;
  subtitle: string | null;
  /** searchKey(title), for one-character prefix queries. */
  name_key: string;
  /** The searchable values, each searchKey()-folded, joined by spaces: the substring check of long queries. */
  body: string;
  /** Whose scope decides who finds it: a deal's own owner, a contact's customer's owner. */
  owner_id: string | null;
  department_id: string | null;
}
