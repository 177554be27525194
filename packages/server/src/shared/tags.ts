import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * "The record has this tag", for a JSON-array tags column. The quoted form cannot match inside another
 * tag, and LIKE's wildcards in the tag are escaped so they match literally.
 */
export function hasTag(column: string, tag: string): Expression<SqlBool> {
  const pattern = `%${JSON.stringify(tag).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  return sql<boolean>`cast(${sql.ref(column)} as text) like ${pattern} escape '\\'` as Expression<SqlBool>;
}
