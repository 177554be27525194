import { AppError } from '@kairos/domain/errors';
import { createInstanceCache } from '../../shared/instance-cache';
import type { Locale } from '@kairos/domain/locale';
import type { SetupRequest, Workspace } from '@kairos/domain/workspace';
import type { Core } from '../../core';
import type { Executor } from '../../db/schema';
import { newId, newSecret } from '../../ids';
import { recordAudit, type ChangeContext } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { seedDefaultRoles } from '../roles/roles.service';
import { seedDefaultPipeline } from '../pipelines/pipelines.service';
import { insertMember } from '../users/users.service';
import type { User } from '@kairos/domain/users';
import type { WorkspacesTable } from './workspace.table';
import { countWorkspaces, findOldestWorkspaceRow, findSetting, findWorkspaceRow, insertSetting, insertWorkspaceRow } from './workspace.store';

const SETUP_DONE = 'setup_done';
const CURSOR_SECRET = 'cursor_secret';

function toWorkspace(row: WorkspacesTable): Workspace {
  return { id: row.id, name: row.name, timezone: row.timezone, currency: row.currency, locale: row.locale as Locale, createdAt: row.created_at, version: row.version };
}

/** Name, time zone and currency are read by every deal create and board; they change only at setup. */
const workspaces = createInstanceCache<Workspace>(1000);

export async function getWorkspace(db: Executor, id: string): Promise<Workspace> {
  return workspaces.get(db, id, async () => {
    const row = await findWorkspaceRow(db, id);
    if (!row) throw new AppError('not_found');
    return toWorkspace(row);
  });
}

/** True until the first workspace exists; setup is closed for good after that. */
export async function isSetupRequired(db: Executor): Promise<boolean> {
  return (await findSetting(db, SETUP_DONE)) === undefined && (await countWorkspaces(db)) === 0;
}

/** The installation's secret for signing cursors, shared by every instance through the database. */
export async function loadOrCreateCursorSecret(db: Executor): Promise<string> {
  await insertSetting(db, CURSOR_SECRET, newSecret(32));
  const secret = await findSetting(db, CURSOR_SECRET);
  if (!secret) throw new Error('cursor secret missing after insert');
  return secret;
}

export interface CreatedWorkspace {
  workspace: Workspace;
  admin: User;
  adminAccountId: string;
  roleIds: Map<string, string>;
  change: ChangeContext;
}

/**
 * Creates a workspace with its default roles and first administrator, in one transaction. With
 * `firstRun`, it also closes setup: the setup_done row's primary key makes a second, racing setup fail.
 */
export async function createWorkspace(
  core: Core,
  input: SetupRequest & { timezone?: string; currency?: string },
  options: { firstRun: boolean },
): Promise<CreatedWorkspace> {
  const passwordHash = await hashPassword(input.password);
  return core.db.transaction().execute(async (trx) => {
    if (options.firstRun && !(await insertSetting(trx, SETUP_DONE, core.clock.now().toISOString()))) throw new AppError('setup_already_done');
    if (options.firstRun && (await countWorkspaces(trx)) > 0) throw new AppError('setup_already_done');
    const at = core.clock.now().toISOString();
    const row: WorkspacesTable = {
      id: newId(),
      name: input.workspaceName,
      timezone: input.timezone ?? 'Asia/Shanghai',
      currency: input.currency ?? 'CNY',
      locale: input.locale,
      settings: '{}',
      created_at: at,
      updated_at: at,
      version: 1,
      deleted_at: null,
    };
    await insertWorkspaceRow(trx, row);
    const change: ChangeContext = { workspaceId: row.id, actorId: null, requestId: null, at };
    await recordAudit(trx, change, { entityType: 'workspace', entityId: row.id, action: 'create', after: toWorkspace(row) });
    const roleIds = await seedDefaultRoles(trx, change);
    await seedDefaultPipeline(trx, change);
    const { user: admin, accountId } = await insertMember(trx, change, {
      name: input.adminName,
      email: input.email,
      passwordHash,
      departmentId: null,
      managerId: null,
      roleIds: [roleIds.get('admin') as string],
      locale: input.locale,
    });
    return { workspace: toWorkspace(row), admin, adminAccountId: accountId, roleIds, change };
  });
}

/** The oldest workspace, for the CLI on a single-company installation. */
export async function firstWorkspaceId(db: Executor): Promise<string | null> {
  return (await findOldestWorkspaceRow(db))?.id ?? null;
}
