import { z } from 'zod';
import { BulkResultSchema, IdSchema, pageOf } from '@kairos/domain/common';
import {
  BulkOpportunityActionSchema,
  CreateOpportunitySchema,
  MoveOpportunitySchema,
  OpportunityListQuerySchema,
  OpportunitySchema,
  TeamMemberInputSchema,
  TransferOpportunitySchema,
  UpdateOpportunitySchema,
} from '@kairos/domain/opportunities';
import { DealTaskSchema, SetTaskDoneSchema } from '@kairos/domain/stage-gates';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { idempotencyOf } from '../../http/idempotency';
import { IdParams, NoContent, problems, typed, type App } from '../../http/types';
import {
  bulkOpportunities,
  createOpportunity,
  deleteOpportunity,
  getOpportunity,
  listOpportunities,
  listTasksOfOpportunity,
  setOpportunityTaskDone,
  moveOpportunity,
  putTeamMember,
  removeTeamMember,
  restoreOpportunity,
  transferOpportunity,
  updateOpportunity,
} from './opportunities.service';
import { exportOpportunities } from './opportunities.export';

const TeamParams = z.object({ id: IdSchema, userId: IdSchema });
const TaskParams = z.object({ id: IdSchema, taskId: IdSchema });

export function registerOpportunityRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['opportunities'];
  const one = { 200: OpportunitySchema, ...problems };
  r.get(
    '/api/opportunities',
    { schema: { tags, summary: 'Deals the caller may see (their scope and the deals they are on the team of); filters, sort, keyset cursor; deleted=true is the recycle bin', querystring: OpportunityListQuerySchema, response: { 200: pageOf(OpportunitySchema), ...problems } } },
    async (request) => listOpportunities(core, contextOf(request), request.query),
  );
  r.post(
    '/api/opportunities',
    {
      schema: {
        tags,
        summary: "Create a deal (honours Idempotency-Key); it starts in the default pipeline's first stage unless told",
        headers: z.looseObject({ 'idempotency-key': z.string().optional() }),
        body: CreateOpportunitySchema,
        response: { 201: OpportunitySchema, ...problems },
      },
    },
    async (request, reply) => reply.code(201).send(await createOpportunity(core, contextOf(request), request.body, idempotencyOf(request))),
  );
  r.post(
    '/api/opportunities/bulk',
    { schema: { tags, summary: 'Assign, tag or delete up to 200 deals; each id is checked and reported on its own', body: BulkOpportunityActionSchema, response: { 200: BulkResultSchema, ...problems } } },
    async (request) => bulkOpportunities(core, contextOf(request), request.body),
  );
  r.get(
    '/api/opportunities/export',
    { schema: { tags, summary: 'Deals as CSV (UTF-8 with BOM), with the list filters, within the caller’s export scope; streamed', querystring: OpportunityListQuerySchema } },
    async (request, reply) => exportOpportunities(core, contextOf(request), request.query, reply),
  );
  r.get('/api/opportunities/:id', { schema: { tags, summary: 'One deal with its team', params: IdParams, response: one } }, async (request) => getOpportunity(core, contextOf(request), request.params.id));
  r.patch('/api/opportunities/:id', { schema: { tags, summary: "Edit a deal's fields; needs its version (stale → 409 with `current`)", params: IdParams, body: UpdateOpportunitySchema, response: one } }, async (request) =>
    updateOpportunity(core, contextOf(request), request.params.id, request.body),
  );
  r.delete('/api/opportunities/:id', { schema: { tags, summary: 'Move a deal to the recycle bin', params: IdParams, response: { 204: NoContent, ...problems } } }, async (request, reply) => {
    await deleteOpportunity(core, contextOf(request), request.params.id);
    return reply.code(204).send(null);
  });
  r.post('/api/opportunities/:id/restore', { schema: { tags, summary: 'Restore a deal from the recycle bin', params: IdParams, response: one } }, async (request) => restoreOpportunity(core, contextOf(request), request.params.id));
  r.post('/api/opportunities/:id/transfer', { schema: { tags, summary: 'Hand a deal to a colleague; its history stays', params: IdParams, body: TransferOpportunitySchema, response: one } }, async (request) =>
    transferOpportunity(core, contextOf(request), request.params.id, request.body),
  );
  r.post(
    '/api/opportunities/:id/move',
    {
      schema: {
        tags,
        summary:
          "Move a deal to another stage of its pipeline. The stage's gate decides: a refusal is 422 stage_gate_failed listing every unmet item (`unmet`: field, file, task, approval, role, skip, reason, loss reason). `values` sets missing fields in the same change; won and lost close the deal; every move is a stage event",
        params: IdParams,
        body: MoveOpportunitySchema,
        response: one,
      },
    },
    async (request) => moveOpportunity(core, contextOf(request), request.params.id, request.body),
  );
  r.get('/api/opportunities/:id/tasks', { schema: { tags, summary: "The deal's stage tasks (节点动作), of every stage it has been in", params: IdParams, response: { 200: z.object({ items: z.array(DealTaskSchema) }), ...problems } } }, async (request) =>
    listTasksOfOpportunity(core, contextOf(request), request.params.id),
  );
  r.post(
    '/api/opportunities/:id/tasks/:taskId',
    { schema: { tags, summary: 'Tick a stage task off (done: true) or re-open it; the deal’s editors and the task’s assignee may', params: TaskParams, body: SetTaskDoneSchema, response: { 200: DealTaskSchema, ...problems } } },
    async (request) => setOpportunityTaskDone(core, contextOf(request), request.params.id, request.params.taskId, request.body.done),
  );
  r.put(
    '/api/opportunities/:id/team/:userId',
    { schema: { tags, summary: 'Add a colleague to the deal team, or change their role or access (read / edit)', params: TeamParams, body: TeamMemberInputSchema.omit({ userId: true }), response: one } },
    async (request) => putTeamMember(core, contextOf(request), request.params.id, request.params.userId, request.body),
  );
  r.delete('/api/opportunities/:id/team/:userId', { schema: { tags, summary: 'Remove a colleague from the deal team', params: TeamParams, response: one } }, async (request) =>
    removeTeamMember(core, contextOf(request), request.params.id, request.params.userId),
  );
}
