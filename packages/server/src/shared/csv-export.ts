import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { csvLine, type ExportColumn } from '@kairos/domain/export';
import type { Locale } from '@kairos/domain/locale';
import type { Executor } from '../db/schema';

/**
 * Streams a CSV (UTF-8 with a BOM, so Excel reads Chinese correctly) page by page: memory stays flat
 * whatever the number of rows. `pages` yields keyset pages already limited to the caller's export scope;
 * columns of fields hidden from the caller (field-level access) are left out.
 */
export function sendCsv<T>(reply: FastifyReply, fileName: string, locale: Locale, allColumns: readonly ExportColumn<T>[], pages: AsyncIterable<T[]>, hidden: ReadonlySet<string>): FastifyReply {
  const columns = allColumns.filter((c) => !hidden.has(c.key));
  async function* lines() {
    yield `\uFEFF${csvLine(columns.map((c) => c.label[locale]))}`;
    for await (const page of pages) {
      let chunk = '';
      for (const record of page) chunk += csvLine(columns.map((c) => c.value(record)));
      yield chunk;
    }
  }
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'private, no-store')
    .send(Readable.from(lines()));
}

/** Every member's name by id, deactivated ones included (an export names who owned what). */
export async function memberNames(db: Executor, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('users').select(['id', 'name']).where('workspace_id', '=', workspaceId).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const exportFileName = (base: string, at: Date) => `${base}-${at.toISOString().slice(0, 10).replace(/-/g, '')}.csv`;
