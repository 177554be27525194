import { BoardColumnPageSchema, BoardColumnQuerySchema, BoardQuerySchema, BoardSchema } from '@kairos/domain/board';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { problems, typed, type App } from '../../http/types';
import { getBoard, getBoardColumn } from './board.service';

export function registerBoardRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['board'];
  r.get(
    '/api/board',
    {
      schema: {
        tags,
        summary: '看板: every stage of a pipeline (default if not given) with its count, totals per currency (amount and weighted) and first cards, within the caller’s scope; filters by owner, department, tag, amount, close date, stalled, overdue',
        querystring: BoardQuerySchema,
        response: { 200: BoardSchema, ...problems },
      },
    },
    async (request) => getBoard(core, contextOf(request), request.query),
  );
  r.get(
    '/api/board/column',
    { schema: { tags, summary: 'More cards of one column, after its keyset cursor, with the same filters', querystring: BoardColumnQuerySchema, response: { 200: BoardColumnPageSchema, ...problems } } },
    async (request) => getBoardColumn(core, contextOf(request), request.query),
  );
}
