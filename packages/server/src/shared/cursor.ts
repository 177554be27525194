import { createHmac } from 'node:crypto';
import { AppError } from '@kairos/domain/errors';
import { safeEqual } from '../ids';

/**
 * Opaque keyset cursors. The payload is the last row's sort key; the signature binds it to the user and
 * the query, so a tampered cursor or one replayed by someone else is refused rather than misread.
 */
export interface CursorCodec {
  encode(key: readonly unknown[], binding: string): string;
  decode(cursor: string, binding: string): unknown[];
}

export function createCursorCodec(secret: string): CursorCodec {
  const sign = (payload: string, binding: string) =>
    createHmac('sha256', secret).update(payload).update('\n').update(binding).digest('base64url').slice(0, 22);
  return {
    encode(key, binding) {
      const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
      return `${payload}.${sign(payload, binding)}`;
    },
    decode(cursor, binding) {
      const [payload, signature, extra] = cursor.split('.');
      if (!payload || !signature || extra !== undefined || !safeEqual(signature, sign(payload, binding))) {
        throw new AppError('cursor_invalid');
      }
      try {
        const key: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if (Array.isArray(key)) return key;
      } catch {
        // fall through to the same error as a bad signature
      }
      throw new AppError('cursor_invalid');
    },
  };
}

/** Takes `limit + 1` rows and turns the extra one into "there is a next page". */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  map: (row: Row) => Item,
  keyOf: (row: Row) => unknown[],
  codec: CursorCodec,
  binding: string,
): { items: Item[]; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: hasMore && last !== undefined ? codec.encode(keyOf(last), binding) : null,
  };
}

/** The (sort key, id) a signed cursor carries, or undefined without one; 400 cursor_invalid when it is not ours. */
export function decodeKeyset(codec: CursorCodec, cursor: string | undefined, binding: string): { value: string | number; id: string } | undefined {
  if (!cursor) return undefined;
  const [value, id] = codec.decode(cursor, binding);
  if ((typeof value !== 'string' && typeof value !== 'number') || typeof id !== 'string') throw new AppError('cursor_invalid');
  return { value, id };
}

/** As decodeKeyset, for keys that are always text (times, names). */
export function decodeTextKeyset(codec: CursorCodec, cursor: string | undefined, binding: string): { value: string; id: string } | undefined {
  const key = decodeKeyset(codec, cursor, binding);
  if (key && typeof key.value !== 'string') throw new AppError('cursor_invalid');
  return key as { value: string; id: string } | undefined;
}
