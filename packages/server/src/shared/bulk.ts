import type { BulkResult } from '@kairos/domain/common';
import { AppError } from '@kairos/domain/errors';

/**
 * Runs one action per id, each on its own (the caller opens a transaction per id), and reports each, so
 * one refusal never blocks or hides the others. Invalid input for the whole request still fails it.
 */
export async function runBulk(ids: readonly string[], apply: (id: string) => Promise<void>): Promise<BulkResult> {
  const results: BulkResult['results'] = [];
  for (const id of new Set(ids)) {
    try {
      await apply(id);
      results.push({ id, ok: true });
    } catch (error) {
      if (!(error instanceof AppError) || error.code === 'validation_failed') throw error;
      const unmet = error.extra.unmet;
      const messages = Array.isArray(unmet) ? unmet.map((u: { message?: unknown }) => String(u.message ?? '')) : undefined;
      results.push({ id, ok: false, code: error.code, ...(messages ? { messages } : {}) });
    }
  }
  return { results };
}
