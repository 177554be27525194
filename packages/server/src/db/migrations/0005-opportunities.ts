import { sql, type Kysely } from 'kysely';
import { DEFAULT_PIPELINE } from '@kairos/domain/pipelines';
import { newId } from '../../ids';
import { columnTypes } from '../columns';
import type { Engine } from '../schema';

/**
 * Pipelines and their stages, opportunities (商机), deal teams and stage events. Every workspace that
 * exists already gets the default pipeline; new ones get it at setup.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const t = columnTypes(engine);
  await db.schema
    .createTable('pipelines')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addPrimaryKeyConstraint('pipelines_pk', ['workspace_id', 'id'])
    .execute();

  await db.schema
    .createTable('pipeline_stages')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('pipeline_id', t.id, (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addPrimaryKeyConstraint('pipeline_stages_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('pipeline_stages_pipeline_fk', ['workspace_id', 'pipeline_id'], 'pipelines', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('pipeline_stages_pipeline_idx').on('pipeline_stages').columns(['workspace_id', 'pipeline_id', 'position']).execute();

  await db.schema
    .createTable('opportunities')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('customer_id', t.id, (c) => c.notNull())
    .addColumn('contact_id', t.id)
    .addColumn('pipeline_id', t.id, (c) => c.notNull())
    .addColumn('stage_id', t.id, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('amount_minor', t.bigint, (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // Null follows the stage's probability; a number is the owner's override until the next stage change.
    .addColumn('probability_override', 'integer')
    .addColumn('expected_close_on', 'text')
    .addColumn('source', 'text')
    .addColumn('tags', t.json, (c) => c.notNull())
    .addColumn('owner_id', t.id)
    .addColumn('department_id', t.id)
    .addColumn('stage_entered_at', t.timestamp, (c) => c.notNull())
    .addColumn('closed_at', t.timestamp)
    .addColumn('last_follow_up_at', t.timestamp)
    .addColumn('next_follow_up_on', 'text')
    .addColumn('created_by', t.id)
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('deleted_at', t.timestamp)
    .addPrimaryKeyConstraint('opportunities_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('opportunities_customer_fk', ['workspace_id', 'customer_id'], 'customers', ['workspace_id', 'id'])
    .addForeignKeyConstraint('opportunities_contact_fk', ['workspace_id', 'contact_id'], 'contacts', ['workspace_id', 'id'])
    .addForeignKeyConstraint('opportunities_pipeline_fk', ['workspace_id', 'pipeline_id'], 'pipelines', ['workspace_id', 'id'])
    .addForeignKeyConstraint('opportunities_stage_fk', ['workspace_id', 'stage_id'], 'pipeline_stages', ['workspace_id', 'id'])
    .addForeignKeyConstraint('opportunities_owner_fk', ['workspace_id', 'owner_id'], 'users', ['workspace_id', 'id'])
    .addForeignKeyConstraint('opportunities_department_fk', ['workspace_id', 'department_id'], 'departments', ['workspace_id', 'id'])
    .execute();
  // List sorts, each ending in id for a stable keyset.
  for (const [name, columns] of [
    ['opportunities_updated_idx', ['updated_at', 'id']],
    ['opportunities_created_idx', ['created_at', 'id']],
    ['opportunities_amount_idx', ['amount_minor', 'id']],
    ['opportunities_name_idx', ['name_key', 'id']],
    // Scope and filters.
    ['opportunities_owner_idx', ['owner_id', 'updated_at', 'id']],
    ['opportunities_department_idx', ['department_id', 'updated_at', 'id']],
    ['opportunities_customer_idx', ['customer_id', 'updated_at', 'id']],
    ['opportunities_stage_idx', ['stage_id', 'updated_at', 'id']],
    ['opportunities_close_idx', ['expected_close_on']],
    ['opportunities_next_follow_up_idx', ['next_follow_up_on']],
    ['opportunities_deleted_idx', ['deleted_at']],
  ] as const) {
    await db.schema.createIndex(name).on('opportunities').columns(['workspace_id', ...columns]).execute();
  }

  await db.schema
    .createTable('deal_team_members')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('opportunity_id', t.id, (c) => c.notNull())
    .addColumn('user_id', t.id, (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('access', 'text', (c) => c.notNull())
    .addColumn('added_by', t.id)
    .addColumn('added_at', t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint('deal_team_members_pk', ['workspace_id', 'opportunity_id', 'user_id'])
    .addForeignKeyConstraint('deal_team_members_opportunity_fk', ['workspace_id', 'opportunity_id'], 'opportunities', ['workspace_id', 'id'])
    .addForeignKeyConstraint('deal_team_members_user_fk', ['workspace_id', 'user_id'], 'users', ['workspace_id', 'id'])
    .execute();
  // "Deals I am on the team of", for the list scope.
  await db.schema.createIndex('deal_team_members_user_idx').on('deal_team_members').columns(['workspace_id', 'user_id', 'opportunity_id']).execute();

  // Every stage change, with the time spent in the stage it left: funnel and cycle-time analytics read these.
  await db.schema
    .createTable('stage_events')
    .addColumn('workspace_id', t.id, (c) => c.notNull().references('workspaces.id'))
    .addColumn('id', t.id, (c) => c.notNull())
    .addColumn('opportunity_id', t.id, (c) => c.notNull())
    .addColumn('pipeline_id', t.id, (c) => c.notNull())
    .addColumn('from_stage_id', t.id)
    .addColumn('to_stage_id', t.id, (c) => c.notNull())
    .addColumn('actor_id', t.id)
    .addColumn('at', t.timestamp, (c) => c.notNull())
    .addColumn('seconds_in_from', t.bigint)
    .addColumn('amount_minor', t.bigint, (c) => c.notNull())
    .addPrimaryKeyConstraint('stage_events_pk', ['workspace_id', 'id'])
    .addForeignKeyConstraint('stage_events_opportunity_fk', ['workspace_id', 'opportunity_id'], 'opportunities', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('stage_events_opportunity_idx').on('stage_events').columns(['workspace_id', 'opportunity_id', 'at', 'id']).execute();
  await db.schema.createIndex('stage_events_time_idx').on('stage_events').columns(['workspace_id', 'at']).execute();

  // Follow-ups of contacts and deals are found by their target; the index exists since 0003.
  await db.schema.alterTable('contacts').addColumn('last_follow_up_at', t.timestamp).execute();
  await db.schema.alterTable('contacts').addColumn('next_follow_up_on', 'text').execute();

  const workspaces = await sql<{ id: string }>`select id from workspaces`.execute(db);
  const at = new Date().toISOString();
  for (const { id: workspaceId } of workspaces.rows) {
    const pipelineId = newId();
    await sql`insert into pipelines (workspace_id, id, name_zh, name_en, is_default, created_at, updated_at, version) values (${workspaceId}, ${pipelineId}, ${DEFAULT_PIPELINE.nameZh}, ${DEFAULT_PIPELINE.nameEn}, 1, ${at}, ${at}, 1)`.execute(db);
    for (const [position, stage] of DEFAULT_PIPELINE.stages.entries()) {
      await sql`insert into pipeline_stages (workspace_id, id, pipeline_id, name_zh, name_en, position, probability, outcome, created_at, updated_at, version) values (${workspaceId}, ${newId()}, ${pipelineId}, ${stage.nameZh}, ${stage.nameEn}, ${position}, ${stage.probability}, ${stage.outcome}, ${at}, ${at}, 1)`.execute(db);
    }
  }
}
