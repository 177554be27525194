import { sql, type Kysely } from 'kysely';
import { columnTypes, defaultJson } from '../columns';
import type { Engine } from '../schema';

/**
 * Stage gates, stage tasks and the board: each stage and pipeline carries its rules as one JSON
 * document (what export/import moves as a whole); deals get a loss reason and competitor; deal tasks
 * are created when a deal enters a stage; and the board's per-column counts and totals are kept in a
 * rollup by stage, owner, department and currency, changed in the same transaction as the deal.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  await db.schema.alterTable('pipeline_stages').addColumn('rules', t.json, (c) => c.notNull().defaultTo(defaultJson('{}'))).execute();
  await db.schema.alterTable('pipelines').addColumn('rules', t.json, (c) => c.notNull().defaultTo(defaultJson('{}'))).execute();
  await db.schema.alterTable('pipelines').addColumn('loss_reasons', t.json, (c) => c.notNull().defaultTo(defaultJson('[]'))).execute();
  await db.schema.alterTable('opportunities').addColumn('loss_reason', 'text').execute();
  await db.schema.alterTable('opportunities').addColumn('competitor', 'text').execute();
  await db.schema.alterTable('stage_events').addColumn('reason', 'text').execute();

  await db.schema
    .createTable('deal_tasks')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('opportunity_id', t.id, (c) => c.notNull())
    .addColumn('stage_id', t.id, (c) => c.notNull())
    .addColumn('task_key', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('assignee_id', t.id)
    .addColumn('required', t.int, (c) => c.notNull())
    .addColumn('due_on', 'text')
    .addColumn('done_at', t.timestamp)
    .addColumn('done_by', t.id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('deal_tasks_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('deal_tasks_opportunity_fk', ['workspace_id', 'opportunity_id'], 'opportunities', ['workspace_id', 'id'])
    .execute();
  // A deal's tasks in a stage (the gate asks "are the previous stage's tasks done?"; cards show progress).
  await db.schema.createIndex('deal_tasks_deal_idx').on('deal_tasks').columns(['workspace_id', 'opportunity_id', 'stage_id', 'task_key']).execute();
  // "My open tasks", soonest first.
  await db.schema.createIndex('deal_tasks_assignee_idx').on('deal_tasks').columns(['workspace_id', 'assignee_id', 'due_on']).where(sql.ref('done_at'), 'is', null).execute();

  // The board's cards of a limited scope: a rep's own deals and a manager's departments, per stage, newest first.
  await db.schema.createIndex('opportunities_owner_stage_idx').on('opportunities').columns(['workspace_id', 'owner_id', 'stage_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('opportunities_department_stage_idx').on('opportunities').columns(['workspace_id', 'department_id', 'stage_id', 'updated_at', 'id']).execute();

  await db.schema
    .createTable('stage_rollups')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('stage_id', t.id, (c) => c.notNull())
    // The nil id when the deal has no owner or department: key columns cannot be null.
    .addColumn('owner_key', t.id, (c) => c.notNull())
    .addColumn('department_key', t.id, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('deal_count', t.bigint, (c) => c.notNull())
    .addColumn('amount_minor', t.bigint, (c) => c.notNull())
    .addColumn('weighted_minor', t.bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('stage_rollups_pk', ['workspace_id', 'stage_id', 'owner_key', 'department_key', 'currency'])
    .execute();

  // Deals that exist already: their rollup, computed once (weighted = amount × probability / 100, half up, per deal).
  await sql`
    insert into stage_rollups (workspace_id, stage_id, owner_key, department_key, currency, deal_count, amount_minor, weighted_minor)
    select o.workspace_id, o.stage_id, coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000'), coalesce(o.department_id, '00000000-0000-0000-0000-000000000000'), o.currency, count(*), sum(o.amount_minor),
           sum((o.amount_minor * coalesce(o.probability_override, s.probability) + 50) / 100)
    from opportunities o
    join pipeline_stages s on s.workspace_id = o.workspace_id and s.id = o.stage_id
    join customers c on c.workspace_id = o.workspace_id and c.id = o.customer_id
    where o.deleted_at is null and c.deleted_at is null
    group by o.workspace_id, o.stage_id, coalesce(o.owner_id, '00000000-0000-0000-0000-000000000000'), coalesce(o.department_id, '00000000-0000-0000-0000-000000000000'), o.currency
  `.execute(db);
}
