import { sql, type ColumnDataType, type Expression } from 'kysely';
import type { Engine } from './schema';

/** Column types that differ by engine, so one migration serves SQLite and PostgreSQL. */
export function columnTypes(engine: Engine) {
  const pg = engine === 'postgres';
  return {
    id: (pg ? 'uuid' : 'text') as ColumnDataType,
    timestamp: (pg ? 'timestamptz' : 'text') as ColumnDataType,
    json: (pg ? 'jsonb' : 'text') as ColumnDataType,
    bigint: 'bigint' as ColumnDataType,
    text: 'text' as ColumnDataType,
    int: 'integer' as ColumnDataType,
  };
}

export type ColumnTypes = ReturnType<typeof columnTypes>;

/** A literal default usable in both engines' DDL. */
export function defaultJson(value: string): Expression<unknown> {
  return sql.lit(value);
}
