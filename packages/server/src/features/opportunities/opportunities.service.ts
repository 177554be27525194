import { requiredFor } from '../field-access/field-access.service';
import { completenessOf } from '@kairos/domain/completeness';
import type { BulkResult } from '@kairos/domain/common';
import { AppError } from '@kairos/domain/errors';
import {
  nameKey,
  type BulkOpportunityAction,
  type CreateOpportunity,
  type DealTeamMember,
  type MoveOpportunity,
  type Opportunity,
  type OpportunityListQuery,
  type TeamMemberInput,
  type TransferOpportunity,
  type UpdateOpportunity,
} from '@kairos/domain/opportunities';
import { can, listScope, type Action, type Actor, type ScopedRecord } from '@kairos/domain/policy';
import type { Stage } from '@kairos/domain/pipelines';
import type { Core, RequestContext } from '../../core';
import type { Executor } from '../../db/schema';
import { newId } from '../../ids';
import { assertCan } from '../../shared/access';
import { runBulk } from '../../shared/bulk';
import { decodeKeyset, toPage } from '../../shared/cursor';
import { fromJson, toJson } from '../../shared/json';
import { changedFields, changeOf, recordAudit, type ChangeContext } from '../audit/audit.service';
import { getContactToWorkOn } from '../contacts/contacts.service';
import { getCustomerToWorkOn } from '../customers/customers.service';
import { runOnce, type Idempotency } from '../idempotency/idempotency.service';
import { customChanges, customCondition, customJson, visibleCustom } from '../custom-fields/custom-fields.service';
import { recordShape, type RecordShape } from '../custom-fields/record-shape';
import { refreshSearch } from '../search/search.index';
import { findStageInPipeline, resolveStartStage } from '../pipelines/pipelines.service';
import { checkGate } from '../stage-gates/stage-gates.service';
import { createStageTasks, listDealTasks, setTaskDone } from '../stage-tasks/stage-tasks.service';
import type { DealTask } from '@kairos/domain/stage-gates';
import { insertStageEvent } from '../pipelines/pipelines.store';
import { notify } from '../notifications/notify';
import { getWorkspace } from '../setup/setup.service';
import { getWorkspaceSettings } from '../setup/workspace-settings.service';
import { findActiveMember } from '../users/users.service';
import type { DealTeamMembersTable, OpportunitiesTable } from './opportunity.table';
import {
  deleteTeamRow,
  findOpportunityRow,
  insertOpportunityRow,
  listOpenOpportunityRowsOfCustomer,
  listOpportunityRows,
  listTeamRows,
  setOpportunityFollowUpSummary,
  updateOpportunityRow,
  upsertTeamRow,
  type OpportunityListFilter,
  type OpportunityPatch,
  type OpportunityRow,
  type OpportunitySort,
  findOpportunityRows,
} from './opportunities.store';

const AUDITED: (keyof Opportunity)[] = ['name', 'contactId', 'amount', 'currency', 'probability', 'expectedCloseOn', 'source', 'tags', 'ownerId', 'departmentId', 'stageId', 'status'];

type Joined = OpportunitiesTable & { customer_name: string; stage_probability: number };

function toTeamMember(row: DealTeamMembersTable): DealTeamMember {
  return { userId: row.user_id, role: row.role as DealTeamMember['role'], access: row.access as DealTeamMember['access'], addedAt: row.added_at };
}

export function toOpportunity(row: Joined, team: readonly DealTeamMembersTable[], shape: RecordShape): Opportunity {
  const record = {
    id: row.id,
    name: row.name,
    customerId: row.customer_id,
    customerName: row.customer_name,
    contactId: row.contact_id,
    pipelineId: row.pipeline_id,
    stageId: row.stage_id,
    status: row.status as Opportunity['status'],
    amount: row.amount_minor,
    currency: row.currency as Opportunity['currency'],
    probability: row.probability_override ?? row.stage_probability,
    probabilityOverridden: row.probability_override !== null,
    expectedCloseOn: row.expected_close_on,
    source: row.source as Opportunity['source'],
    tags: fromJson<string[]>(row.tags, []),
    ownerId: row.owner_id,
    departmentId: row.department_id,
    team: team.filter((t) => t.opportunity_id === row.id).map(toTeamMember),
    stageEnteredAt: row.stage_entered_at,
    closedAt: row.closed_at,
    lastFollowUpAt: row.last_follow_up_at,
    nextFollowUpOn: row.next_follow_up_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    version: row.version,
    lossReason: row.loss_reason,
    competitor: row.competitor,
  };
  // An amount of 0 is "not estimated yet" for completeness.
  return { ...record, completeness: completenessOf({ ...record, amount: record.amount || null }, shape.keyFields), custom: visibleCustom(row.custom, shape.fields) };
}

async function keyFieldsOf(db: Executor, workspaceId: string): Promise<RecordShape> {
  return recordShape(db, workspaceId, 'opportunity');
}

function scoped(row: OpportunityRow, team: readonly DealTeamMembersTable[]): ScopedRecord {
  return {
    ownerId: row.owner_id,
    departmentId: row.department_id,
    departmentPath: row.department_path,
    teamUserIds: team.map((t) => t.user_id),
    teamEditorIds: team.filter((t) => t.access === 'edit').map((t) => t.user_id),
  };
}

interface Loaded {
  row: OpportunityRow;
  team: DealTeamMembersTable[];
}

/** The deal, if the caller may do `action` to it (404 outside their scope and team, 403 without the right). */
async function getForAction(db: Executor, actor: Actor, id: string, action: Action, options: { deleted?: boolean } = {}): Promise<Loaded> {
  const row = await findOpportunityRow(db, actor.workspaceId, id);
  const live = row && (row.deleted_at !== null) === (options.deleted ?? false) ? row : null;
  const team = live ? await listTeamRows(db, actor.workspaceId, [live.id]) : [];
  assertCan(actor, action, live && scoped(live, team));
  return { row: live as OpportunityRow, team };
}

/** Which of these live deals the caller may read, with their names: one query for the rows, one for the teams. */
export async function readableOpportunities(db: Executor, actor: Actor, ids: readonly string[]): Promise<Map<string, { name: string; customerId: string }>> {
  const rows = (await findOpportunityRows(db, actor.workspaceId, ids)).filter((r) => r.deleted_at === null);
  const teams = await listTeamRows(db, actor.workspaceId, rows.map((r) => r.id));
  const readable = rows.filter((r) => can(actor, 'read', scoped(r, teams.filter((t) => t.opportunity_id === r.id))));
  return new Map(readable.map((r) => [r.id, { name: r.name, customerId: r.customer_id }]));
}

/** Changing the deal team is for those who may edit the deal through their own scope, not through the team. */
function assertCanManageTeam(actor: Actor, loaded: Loaded): void {
  if (!can(actor, 'edit', { ...scoped(loaded.row, loaded.team), teamEditorIds: [] })) throw new AppError('forbidden');
}

const SORTS: Record<OpportunityListQuery['sort'], OpportunitySort> = {
  '-updatedAt': { column: 'updated_at', direction: 'desc' },
  updatedAt: { column: 'updated_at', direction: 'asc' },
  '-createdAt': { column: 'created_at', direction: 'desc' },
  createdAt: { column: 'created_at', direction: 'asc' },
  '-amount': { column: 'amount_minor', direction: 'desc' },
  amount: { column: 'amount_minor', direction: 'asc' },
  name: { column: 'name_key', direction: 'asc' },
  '-name': { column: 'name_key', direction: 'desc' },
};

/** A list query's filters as the store takes them (lists and exports alike). */
export function listFilterOf(core: Core, query: OpportunityListQuery, shape: RecordShape): OpportunityListFilter {
  return {
    ids: query.ids,
    namePrefix: query.q ? nameKey(query.q) || undefined : undefined,
    customerId: query.customerId,
    ownerId: query.ownerId,
    departmentId: query.departmentId,
    pipelineId: query.pipelineId,
    stageId: query.stageId,
    status: query.status,
    tag: query.tag,
    custom: customCondition(core.db, 'o.custom', shape.fields, query),
    amountMin: query.amountMin,
    amountMax: query.amountMax,
    closeFrom: query.closeFrom,
    closeTo: query.closeTo,
    updatedFrom: query.updatedFrom ? new Date(query.updatedFrom).toISOString() : undefined,
    updatedTo: query.updatedTo ? new Date(query.updatedTo).toISOString() : undefined,
    deleted: query.deleted,
  };
}

/** Deals the caller may see (scope or team), filtered and sorted in SQL, a keyset page at a time; teams in one more query. */
export async function listOpportunities(core: Core, ctx: RequestContext, query: OpportunityListQuery) {
  const { actor } = ctx;
  if (query.deleted && !actor.permissions.has('records.delete')) throw new AppError('forbidden');
  const keys = await keyFieldsOf(core.db, actor.workspaceId);
  const sort = SORTS[query.sort];
  const { cursor, limit, ...filters } = query;
  const binding = `opportunities:${actor.userId}:${toJson(filters)}`;
  const after = decodeKeyset(core.cursors, cursor, binding);
  const rows = await listOpportunityRows(
    core.db,
    actor.workspaceId,
    listScope(actor, 'records.read'),
    { ...listFilterOf(core, query, keys), after },
    sort,
    limit + 1,
  );
  const team = await listTeamRows(core.db, actor.workspaceId, rows.slice(0, limit).map((r) => r.id));
  return toPage(rows, limit, (r) => toOpportunity(r, team, keys), (r) => [r[sort.column], r.id], core.cursors, binding);
}

export async function getOpportunity(core: Core, ctx: RequestContext, id: string): Promise<Opportunity> {
  const keys = await keyFieldsOf(core.db, ctx.actor.workspaceId);
  const loaded = await getForAction(core.db, ctx.actor, id, 'read');
  const record = scoped(loaded.row, loaded.team);
  const allowed = {
    edit: can(ctx.actor, 'edit', record),
    delete: can(ctx.actor, 'delete', record),
    transfer: can(ctx.actor, 'transfer', record),
    manageTeam: can(ctx.actor, 'edit', { ...record, teamEditorIds: [] }),
  };
  return { ...toOpportunity(loaded.row, loaded.team, keys), can: allowed };
}

async function reload(db: Executor, workspaceId: string, id: string, keys: RecordShape): Promise<Opportunity> {
  const row = await findOpportunityRow(db, workspaceId, id);
  if (!row) throw new AppError('not_found');
  return toOpportunity(row, await listTeamRows(db, workspaceId, [id]), keys);
}

/** A contact given for a deal must be a live contact of the deal's customer that the caller can see. */
async function checkContact(db: Executor, actor: Actor, customerId: string, contactId: string | null | undefined): Promise<void> {
  if (!contactId) return;
  const contact = await getContactToWorkOn(db, actor, contactId).catch(() => null);
  if (!contact || contact.customerId !== customerId) {
    throw new AppError('validation_failed', { fields: [{ path: 'contactId', code: 'unknown_contact', message: 'not a contact of this customer' }] });
  }
}

async function activeMemberOr422(db: Executor, workspaceId: string, userId: string, path: string) {
  const member = await findActiveMember(db, workspaceId, userId);
  if (!member) throw new AppError('validation_failed', { fields: [{ path, code: 'unknown_owner', message: 'unknown member' }] });
  return member;
}

async function recordStageChange(
  db: Executor,
  change: ChangeContext,
  deal: { id: string; pipelineId: string; amount: number },
  from: { stageId: string; enteredAt: string } | null,
  to: Stage,
  reason: string | null = null,
): Promise<void> {
  await insertStageEvent(db, {
    workspace_id: change.workspaceId,
    id: newId(),
    opportunity_id: deal.id,
    pipeline_id: deal.pipelineId,
    from_stage_id: from?.stageId ?? null,
    to_stage_id: to.id,
    actor_id: change.actorId,
    at: change.at,
    seconds_in_from: from ? Math.max(0, Math.round((Date.parse(change.at) - Date.parse(from.enteredAt)) / 1000)) : null,
    amount_minor: deal.amount,
    reason,
  });
}

/** Creates a deal on a customer the caller may work on, in the default pipeline's first stage unless told. */
export async function createOpportunity(core: Core, ctx: RequestContext, input: CreateOpportunity, idempotency: Idempotency | null): Promise<Opportunity> {
  const { actor } = ctx;
  if (!actor.permissions.has('records.create')) throw new AppError('forbidden');
  const ownerId = input.ownerId ?? actor.userId;
  if (ownerId !== actor.userId && !actor.permissions.has('records.transfer')) throw new AppError('forbidden');
  return runOnce(core, ctx, idempotency, async (trx) => {
    const keys = await keyFieldsOf(trx, actor.workspaceId);
    const customer = await getCustomerToWorkOn(trx, actor, input.customerId);
    await checkContact(trx, actor, customer.id, input.contactId);
    const owner = await activeMemberOr422(trx, actor.workspaceId, ownerId, 'ownerId');
    const stage = await resolveStartStage(trx, actor.workspaceId, input.pipelineId, input.stageId);
    const currency = input.currency ?? ((await getWorkspace(trx, actor.workspaceId)).currency as Opportunity['currency']);
    const change = changeOf(core, ctx);
    const row: OpportunitiesTable = {
      workspace_id: actor.workspaceId,
      id: newId(),
      name: input.name,
      name_key: nameKey(input.name),
      customer_id: customer.id,
      contact_id: input.contactId ?? null,
      pipeline_id: stage.pipelineId,
      stage_id: stage.id,
      status: stage.outcome,
      amount_minor: input.amount,
      currency,
      probability_override: input.probability ?? null,
      expected_close_on: input.expectedCloseOn ?? null,
      source: input.source ?? null,
      tags: toJson(input.tags),
      custom: customJson(await requiredFor(trx, actor, 'opportunity', keys.fields), input.custom, 'create'),
      owner_id: owner.id,
      department_id: owner.departmentId,
      stage_entered_at: change.at,
      closed_at: stage.outcome === 'open' ? null : change.at,
      last_follow_up_at: null,
      next_follow_up_on: null,
      loss_reason: null,
      competitor: null,
      created_by: actor.userId,
      created_at: change.at,
      updated_at: change.at,
      version: 1,
      deleted_at: null,
    };
    await insertOpportunityRow(trx, row);
    for (const member of uniqueTeam(input.team, owner.id)) {
      await activeMemberOr422(trx, actor.workspaceId, member.userId, 'team');
      await upsertTeamRow(trx, { workspace_id: actor.workspaceId, opportunity_id: row.id, user_id: member.userId, role: member.role, access: member.access, added_by: actor.userId, added_at: change.at });
    }
    await recordStageChange(trx, change, { id: row.id, pipelineId: row.pipeline_id, amount: row.amount_minor }, null, stage);
    await createStageTasks(trx, change, { id: row.id, ownerId: row.owner_id }, await listTeamRows(trx, actor.workspaceId, [row.id]), stage);
    await refreshSearch(trx, actor.workspaceId, 'opportunity', [row.id]);
    const created = await reload(trx, actor.workspaceId, row.id, keys);
    await recordAudit(trx, change, { entityType: 'opportunity', entityId: row.id, action: 'create', after: created });
    return created;
  });
}

/** The owner is on every deal already; a member listed twice counts once (the last entry wins). */
function uniqueTeam(team: readonly TeamMemberInput[], ownerId: string): TeamMemberInput[] {
  return [...new Map(team.filter((m) => m.userId !== ownerId).map((m) => [m.userId, m])).values()];
}

/** The columns an edit (or a move's `values`) writes; a field left out is left alone. */
function fieldPatch(input: Omit<UpdateOpportunity, 'version' | 'probability'>, keys: RecordShape, storedCustom: string): Omit<OpportunityPatch, 'updated_at'> {
  const patch: Omit<OpportunityPatch, 'updated_at'> = {};
  if (input.name !== undefined) Object.assign(patch, { name: input.name, name_key: nameKey(input.name) });
  if (input.contactId !== undefined) patch.contact_id = input.contactId;
  if (input.amount !== undefined) patch.amount_minor = input.amount;
  if (input.currency !== undefined) patch.currency = input.currency;
  if (input.expectedCloseOn !== undefined) patch.expected_close_on = input.expectedCloseOn;
  if (input.source !== undefined) patch.source = input.source;
  if (input.tags !== undefined) patch.tags = toJson(input.tags);
  if (input.custom !== undefined) patch.custom = customJson(keys.fields, input.custom, 'update', storedCustom);
  return patch;
}

/** What a stage gate reads of a deal: the built-in fields it can require and `custom.<key>` for every custom value. */
function gateValues(row: Pick<OpportunitiesTable, 'amount_minor' | 'expected_close_on' | 'contact_id' | 'source' | 'tags' | 'custom'>): Record<string, unknown> {
  const custom = fromJson<Record<string, unknown>>(row.custom, {});
  return {
    amount: row.amount_minor,
    expectedCloseOn: row.expected_close_on,
    contactId: row.contact_id,
    source: row.source,
    tags: fromJson<string[]>(row.tags, []),
    ...Object.fromEntries(Object.entries(custom).map(([key, value]) => [`custom.${key}`, value])),
  };
}

/** Edits a deal's fields with a version check; stage moves and handoffs have their own endpoints. */
export async function updateOpportunity(core: Core, ctx: RequestContext, id: string, input: UpdateOpportunity): Promise<Opportunity> {
  return core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const loaded = await getForAction(trx, ctx.actor, id, 'edit');
    const before = toOpportunity(loaded.row, loaded.team, keys);
    if (loaded.row.version !== input.version) throw new AppError('version_conflict', { extra: { current: before } });
    if (input.contactId) await checkContact(trx, ctx.actor, loaded.row.customer_id, input.contactId);
    const change = changeOf(core, ctx);
    const patch: OpportunityPatch = { ...fieldPatch(input, keys, loaded.row.custom), updated_at: change.at };
    if (input.probability !== undefined) patch.probability_override = input.probability;
    const updated = await updateOpportunityRow(trx, ctx.actor.workspaceId, id, input.version, patch);
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    const after = toOpportunity({ ...updated, customer_name: loaded.row.customer_name, stage_probability: loaded.row.stage_probability }, loaded.team, keys);
    if (input.name !== undefined || input.custom !== undefined) await refreshSearch(trx, ctx.actor.workspaceId, 'opportunity', [id]);
    await recordAudit(trx, change, { entityType: 'opportunity', entityId: id, action: 'update', fields: [...changedFields(before, after, AUDITED), ...customChanges(before.custom, after.custom)] });
    return after;
  });
}

/**
 * Moves a deal to another stage of its pipeline. The target stage's gate decides (checkGate lists every
 * unmet item); the move may carry the values the gate asks for, written in the same change. The stage
 * event records from, to, who, when, the time spent in the stage left and the reason for a move back;
 * reaching won or lost closes the deal, leaving them re-opens it; the owner's probability override ends;
 * the new stage's tasks are created.
 */
export async function moveOpportunity(core: Core, ctx: RequestContext, id: string, input: MoveOpportunity): Promise<Opportunity> {
  return core.db.transaction().execute(async (trx) => {
    const workspaceId = ctx.actor.workspaceId;
    const keys = await keyFieldsOf(trx, workspaceId);
    const loaded = await getForAction(trx, ctx.actor, id, 'edit');
    const { row } = loaded;
    const before = toOpportunity(row, loaded.team, keys);
    if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: before } });
    const found = await findStageInPipeline(trx, workspaceId, input.stageId);
    const from = found?.pipeline.stages.find((s) => s.id === row.stage_id);
    if (!found || !from || found.pipeline.id !== row.pipeline_id) throw new AppError('validation_failed', { fields: [{ path: 'stageId', code: 'unknown_stage', message: 'not a stage of this pipeline' }] });
    const { pipeline, stage } = found;
    if (stage.id === row.stage_id) return before;
    if (input.values?.contactId) await checkContact(trx, ctx.actor, row.customer_id, input.values.contactId);
    const values = fieldPatch(input.values ?? {}, keys, row.custom);
    await checkGate(trx, ctx.actor, ctx.locale, { pipeline, from, to: stage, dealId: id, values: gateValues({ ...row, ...values }), reason: input.reason, lossReason: input.lossReason });

    const change = changeOf(core, ctx);
    const lost = stage.outcome === 'lost';
    const updated = await updateOpportunityRow(trx, workspaceId, id, input.version, {
      ...values,
      stage_id: stage.id,
      status: stage.outcome,
      probability_override: null,
      stage_entered_at: change.at,
      closed_at: stage.outcome === 'open' ? null : change.at,
      loss_reason: lost ? (input.lossReason ?? null) : null,
      competitor: lost ? (input.competitor ?? null) : null,
      updated_at: change.at,
    });
    if (!updated) throw new AppError('version_conflict', { extra: { current: before } });
    await recordStageChange(trx, change, { id, pipelineId: row.pipeline_id, amount: updated.amount_minor }, { stageId: row.stage_id, enteredAt: row.stage_entered_at }, stage, input.reason ?? null);
    await createStageTasks(trx, change, { id, ownerId: row.owner_id }, loaded.team, stage);
    const after = toOpportunity({ ...updated, customer_name: row.customer_name, stage_probability: stage.probability }, loaded.team, keys);
    if (values.custom !== undefined) await refreshSearch(trx, workspaceId, 'opportunity', [id]);
    await recordAudit(trx, change, {
      entityType: 'opportunity',
      entityId: id,
      action: 'move',
      fields: [...changedFields(before, after, [...AUDITED, 'lossReason', 'competitor']), ...customChanges(before.custom, after.custom), ...(input.reason ? [{ field: 'reason', before: null, after: input.reason }] : [])],
    });
    return after;
  });
}

export async function deleteOpportunity(core: Core, ctx: RequestContext, id: string): Promise<void> {
  await core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const { row, team } = await getForAction(trx, ctx.actor, id, 'delete');
    const change = changeOf(core, ctx);
    await updateOpportunityRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: change.at, updated_at: change.at });
    await refreshSearch(trx, ctx.actor.workspaceId, 'opportunity', [id]);
    await recordAudit(trx, change, { entityType: 'opportunity', entityId: id, action: 'delete', before: toOpportunity(row, team, keys) });
  });
}

export async function restoreOpportunity(core: Core, ctx: RequestContext, id: string): Promise<Opportunity> {
  return core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const { row, team } = await getForAction(trx, ctx.actor, id, 'delete', { deleted: true });
    const { recycleDays } = await getWorkspaceSettings(trx, ctx.actor.workspaceId);
    if (row.deleted_at && core.clock.now().getTime() - Date.parse(row.deleted_at) > recycleDays * 86_400_000) throw new AppError('not_restorable');
    const change = changeOf(core, ctx);
    const updated = await updateOpportunityRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: null, updated_at: change.at });
    if (!updated) throw new AppError('version_conflict');
    const after = toOpportunity({ ...updated, customer_name: row.customer_name, stage_probability: row.stage_probability }, team, keys);
    await refreshSearch(trx, ctx.actor.workspaceId, 'opportunity', [id]);
    await recordAudit(trx, change, { entityType: 'opportunity', entityId: id, action: 'restore', after });
    return after;
  });
}

/** Reassigns one deal row to a member, with its audit entry; the caller has checked the right to do it. */
async function reassign(trx: Executor, change: ChangeContext, row: OpportunityRow, team: readonly DealTeamMembersTable[], keys: RecordShape, owner: { id: string; departmentId: string | null }, note?: string): Promise<Opportunity | null> {
  const before = toOpportunity(row, team, keys);
  const updated = await updateOpportunityRow(trx, change.workspaceId, row.id, row.version, { owner_id: owner.id, department_id: owner.departmentId, updated_at: change.at });
  if (!updated) return null;
  // The new owner no longer needs a team seat of their own on the deal.
  if (team.some((t) => t.user_id === owner.id)) await deleteTeamRow(trx, change.workspaceId, row.id, owner.id);
  await refreshSearch(trx, change.workspaceId, 'opportunity', [row.id]);
  const after = toOpportunity({ ...updated, customer_name: row.customer_name, stage_probability: row.stage_probability }, team.filter((t) => t.user_id !== owner.id), keys);
  await recordAudit(trx, change, {
    entityType: 'opportunity',
    entityId: row.id,
    action: 'transfer',
    fields: [...changedFields(before, after, ['ownerId', 'departmentId']), ...(note ? [{ field: 'note', before: null, after: note }] : [])],
  });
  return after;
}

/** Hands a deal to a colleague; its history stays on the timeline. */
export async function transferOpportunity(core: Core, ctx: RequestContext, id: string, input: TransferOpportunity): Promise<Opportunity> {
  return core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const { row, team } = await getForAction(trx, ctx.actor, id, 'transfer');
    if (row.version !== input.version) throw new AppError('version_conflict', { extra: { current: toOpportunity(row, team, keys) } });
    const owner = await activeMemberOr422(trx, ctx.actor.workspaceId, input.toUserId, 'toUserId');
    const change = changeOf(core, ctx);
    const after = await reassign(trx, change, row, team, keys, owner, input.note);
    if (!after) throw new AppError('version_conflict', { extra: { current: toOpportunity(row, team, keys) } });
    // The new owner hears of it in the same transaction: a handoff nobody is told about is how deals go cold.
    await notify(trx, change, [owner.id], { kind: 'transfer', record: { type: 'opportunity', id, name: row.name }, message: input.note ?? null });
    return after;
  });
}

/**
 * Part of a customer handoff: the customer's open deals go to the new owner in the same transaction,
 * each with its own audit entry. Won and lost deals keep the owner who closed them.
 */
export async function moveOpenOpportunitiesOfCustomer(trx: Executor, change: ChangeContext, customerId: string, owner: { id: string; departmentId: string | null }): Promise<number> {
  const keys = await keyFieldsOf(trx, change.workspaceId);
  const rows = await listOpenOpportunityRowsOfCustomer(trx, change.workspaceId, customerId);
  const teams = await listTeamRows(trx, change.workspaceId, rows.map((r) => r.id));
  let moved = 0;
  for (const row of rows) {
    if (row.owner_id === owner.id) continue;
    if (await reassign(trx, change, row, teams.filter((t) => t.opportunity_id === row.id), keys, owner, undefined)) moved += 1;
  }
  return moved;
}

/** Adds a colleague to the deal team or changes their role or access. */
export async function putTeamMember(core: Core, ctx: RequestContext, id: string, userId: string, input: Omit<TeamMemberInput, 'userId'>): Promise<Opportunity> {
  return core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const loaded = await getForAction(trx, ctx.actor, id, 'read');
    assertCanManageTeam(ctx.actor, loaded);
    const member = await activeMemberOr422(trx, ctx.actor.workspaceId, userId, 'userId');
    if (member.id === loaded.row.owner_id) throw new AppError('validation_failed', { fields: [{ path: 'userId', code: 'already_owner', message: 'the owner is on the deal already' }] });
    const previous = loaded.team.find((t) => t.user_id === userId);
    const change = changeOf(core, ctx);
    await upsertTeamRow(trx, { workspace_id: ctx.actor.workspaceId, opportunity_id: id, user_id: userId, role: input.role, access: input.access, added_by: ctx.actor.userId, added_at: previous?.added_at ?? change.at });
    await recordAudit(trx, change, {
      entityType: 'opportunity',
      entityId: id,
      action: 'team',
      fields: [{ field: 'team', before: previous ? toTeamMember(previous) : null, after: { userId, role: input.role, access: input.access } }],
    });
    await refreshSearch(trx, ctx.actor.workspaceId, 'opportunity', [id]);
    if (!previous) await notify(trx, change, [userId], { kind: 'team_added', record: { type: 'opportunity', id, name: loaded.row.name }, message: input.role });
    return reload(trx, ctx.actor.workspaceId, id, keys);
  });
}

export async function removeTeamMember(core: Core, ctx: RequestContext, id: string, userId: string): Promise<Opportunity> {
  return core.db.transaction().execute(async (trx) => {
    const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
    const loaded = await getForAction(trx, ctx.actor, id, 'read');
    assertCanManageTeam(ctx.actor, loaded);
    const previous = loaded.team.find((t) => t.user_id === userId);
    if (!previous) throw new AppError('not_found');
    await deleteTeamRow(trx, ctx.actor.workspaceId, id, userId);
    await refreshSearch(trx, ctx.actor.workspaceId, 'opportunity', [id]);
    await recordAudit(trx, changeOf(core, ctx), { entityType: 'opportunity', entityId: id, action: 'team', fields: [{ field: 'team', before: toTeamMember(previous), after: null }] });
    return reload(trx, ctx.actor.workspaceId, id, keys);
  });
}

/**
 * A deal the caller may log follow-ups on: they can read it (scope or team) and may create or edit
 * records. Throws 404 outside the caller's reach.
 */
export async function getOpportunityToWorkOn(db: Executor, actor: Actor, id: string): Promise<Opportunity> {
  const keys = await keyFieldsOf(db, actor.workspaceId);
  const { row, team } = await getForAction(db, actor, id, 'read');
  if (!actor.permissions.has('records.create') && !actor.permissions.has('records.edit')) throw new AppError('forbidden');
  return toOpportunity(row, team, keys);
}

/** Keeps the deal's latest follow-up time and next date, in the follow-up's transaction. */
export async function noteFollowUpOnOpportunity(db: Executor, workspaceId: string, id: string, latest: { occurredAt: string; nextFollowUpOn: string | null } | null): Promise<void> {
  await setOpportunityFollowUpSummary(db, workspaceId, id, { last_follow_up_at: latest?.occurredAt ?? null, next_follow_up_on: latest?.nextFollowUpOn ?? null });
}

/** Assigns, tags or deletes many deals at once, each checked and reported on its own. */
export async function bulkOpportunities(core: Core, ctx: RequestContext, input: BulkOpportunityAction): Promise<BulkResult> {
  if (input.action === 'move') {
    const target = await findStageInPipeline(core.db, ctx.actor.workspaceId, input.stageId);
    if (!target) throw new AppError('validation_failed', { fields: [{ path: 'stageId', code: 'unknown_stage', message: 'unknown stage' }] });
    // Each deal goes through its own gate, at its current version; a refusal lists that deal's unmet items.
    return runBulk(input.ids, async (id) => {
      const row = await findOpportunityRow(core.db, ctx.actor.workspaceId, id);
      try {
        await moveOpportunity(core, ctx, id, { version: row?.version ?? 0, stageId: input.stageId, reason: input.reason, lossReason: input.lossReason });
      } catch (error) {
        // Checked after visibility (inside the move): a deal of another pipeline is that deal's problem, not the request's.
        if (error instanceof AppError && error.code === 'validation_failed' && error.fields.some((f) => f.path === 'stageId')) throw new AppError('wrong_pipeline');
        throw error;
      }
    });
  }
  const result = await runBulk(input.ids, (id) =>
    core.db.transaction().execute(async (trx) => {
      const keys = await keyFieldsOf(trx, ctx.actor.workspaceId);
      const action: Action = input.action === 'assign' ? 'transfer' : input.action === 'delete' ? 'delete' : 'edit';
      const { row, team } = await getForAction(trx, ctx.actor, id, action);
      const change = changeOf(core, ctx);
      const before = toOpportunity(row, team, keys);
      if (input.action === 'delete') {
        await updateOpportunityRow(trx, ctx.actor.workspaceId, id, row.version, { deleted_at: change.at, updated_at: change.at });
        await refreshSearch(trx, ctx.actor.workspaceId, 'opportunity', [id]);
        await recordAudit(trx, change, { entityType: 'opportunity', entityId: id, action: 'delete', before });
      } else if (input.action === 'assign') {
        const owner = await activeMemberOr422(trx, ctx.actor.workspaceId, input.toUserId, 'toUserId');
        if (!(await reassign(trx, change, row, team, keys, owner))) throw new AppError('version_conflict');
      } else {
        const updated = await updateOpportunityRow(trx, ctx.actor.workspaceId, id, row.version, { tags: toJson([...new Set([...before.tags, input.tag])]), updated_at: change.at });
        if (!updated) throw new AppError('version_conflict');
        const after = toOpportunity({ ...updated, customer_name: row.customer_name, stage_probability: row.stage_probability }, team, keys);
        await recordAudit(trx, change, { entityType: 'opportunity', entityId: id, action: 'update', fields: changedFields(before, after, ['tags']) });
      }
    }),
  );
  // One notification for the whole handoff, not one per deal.
  const moved = result.results.filter((r) => r.ok).length;
  if (input.action === 'assign' && moved > 0) await notify(core.db, changeOf(core, ctx), [input.toUserId], { kind: 'transfer', record: { type: 'opportunity', count: moved } });
  return result;
}

/** The deal's stage tasks, every stage's, for whoever may read the deal. */
export async function listTasksOfOpportunity(core: Core, ctx: RequestContext, id: string): Promise<{ items: DealTask[] }> {
  await getForAction(core.db, ctx.actor, id, 'read');
  return { items: await listDealTasks(core.db, ctx.actor.workspaceId, id) };
}

/** Ticks a stage task off or re-opens it: whoever may edit the deal, or the colleague it is assigned to. */
export async function setOpportunityTaskDone(core: Core, ctx: RequestContext, id: string, taskId: string, done: boolean): Promise<DealTask> {
  return setTaskDone(core, ctx, id, taskId, done, async (db, assigneeId) => {
    const loaded = await getForAction(db, ctx.actor, id, 'read');
    if (assigneeId !== ctx.actor.userId && !can(ctx.actor, 'edit', scoped(loaded.row, loaded.team))) throw new AppError('forbidden');
  });
}
