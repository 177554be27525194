import { AppError } from '@kairos/domain/errors';
import type { Locale } from '@kairos/domain/locale';
import type { CreateInvitation, Invitation } from '@kairos/domain/users';
import type { Core, RequestContext } from '../../core';
import { nowIso } from '../../core';
import { addDays } from '../../clock';
import { hashSecret, newId, newSecret } from '../../ids';
import { fromJson, toJson } from '../../shared/json';
import { recordAudit } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { createSession, type NewSession } from '../auth/sessions.service';
import { getWorkspace } from '../setup/setup.service';
import { insertMember } from '../users/users.service';
import { findAccountByEmail } from '../users/users.store';
import type { InvitationsTable } from './invitation.table';
import { findInvitationByHash, insertInvitationRow, listOpenInvitationRows, markInvitation } from './invitations.store';

function toInvitation(row: InvitationsTable): Invitation {
  return {
    id: row.id,
    email: row.email,
    roleIds: fromJson<string[]>(row.role_ids, []),
    departmentId: row.department_id,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    createdAt: row.created_at,
  };
}

function requireManage(ctx: RequestContext) {
  if (!ctx.actor.permissions.has('users.manage')) throw new AppError('forbidden');
}

/** An administrator invites someone by e-mail; the returned link (shown once) lets them set their own password. */
export async function createInvitation(core: Core, ctx: RequestContext, input: CreateInvitation): Promise<Invitation & { token: string; url: string }> {
  requireManage(ctx);
  if (await findAccountByEmail(core.db, input.email)) throw new AppError('email_taken', { fields: [{ path: 'email', code: 'taken', message: 'taken' }] });
  const token = newSecret();
  const now = core.clock.now();
  const row: InvitationsTable = {
    workspace_id: ctx.actor.workspaceId,
    id: newId(),
    token_hash: hashSecret(token),
    email: input.email,
    role_ids: toJson([...new Set(input.roleIds)]),
    department_id: input.departmentId,
    manager_id: input.managerId,
    created_by: ctx.actor.userId,
    created_at: now.toISOString(),
    expires_at: addDays(now, input.expiresInDays).toISOString(),
    accepted_at: null,
    revoked_at: null,
  };
  await core.db.transaction().execute(async (trx) => {
    await insertInvitationRow(trx, row);
    await recordAudit(trx, { workspaceId: row.workspace_id, actorId: ctx.actor.userId, requestId: ctx.requestId, at: row.created_at }, { entityType: 'invitation', entityId: row.id, action: 'create', after: toInvitation(row) });
  });
  const path = `/invite/${token}`;
  return { ...toInvitation(row), token, url: core.config.publicUrl ? `${core.config.publicUrl}${path}` : path };
}

export async function listInvitations(core: Core, ctx: RequestContext): Promise<Invitation[]> {
  requireManage(ctx);
  return (await listOpenInvitationRows(core.db, ctx.actor.workspaceId, 200)).map(toInvitation);
}

export async function revokeInvitation(core: Core, ctx: RequestContext, id: string): Promise<void> {
  requireManage(ctx);
  await core.db.transaction().execute(async (trx) => {
    const at = nowIso(core);
    if (!(await markInvitation(trx, ctx.actor.workspaceId, id, { revoked_at: at }))) throw new AppError('not_found');
    await recordAudit(trx, { workspaceId: ctx.actor.workspaceId, actorId: ctx.actor.userId, requestId: ctx.requestId, at }, { entityType: 'invitation', entityId: id, action: 'revoke' });
  });
}

async function findUsableInvitation(core: Core, token: string): Promise<InvitationsTable> {
  const row = token.length <= 100 ? await findInvitationByHash(core.db, hashSecret(token)) : undefined;
  if (!row || row.accepted_at || row.revoked_at || row.expires_at <= nowIso(core)) throw new AppError('invitation_invalid');
  return row;
}

/** What the invitation page shows before the person accepts. */
export async function previewInvitation(core: Core, token: string): Promise<{ email: string; workspaceName: string }> {
  const row = await findUsableInvitation(core, token);
  const workspace = await getWorkspace(core.db, row.workspace_id);
  return { email: row.email, workspaceName: workspace.name };
}

/** Accepts an invitation: creates the member with the invited roles and signs them in. Usable once. */
export async function acceptInvitation(
  core: Core,
  token: string,
  input: { name: string; password: string; locale: Locale },
  client: { ip: string | null; userAgent: string | null },
): Promise<{ session: NewSession; workspaceId: string; userId: string }> {
  const row = await findUsableInvitation(core, token);
  const passwordHash = await hashPassword(input.password);
  return core.db.transaction().execute(async (trx) => {
    const at = nowIso(core);
    if (!(await markInvitation(trx, row.workspace_id, row.id, { accepted_at: at }))) throw new AppError('invitation_invalid');
    const change = { workspaceId: row.workspace_id, actorId: null, requestId: null, at };
    const { user, accountId } = await insertMember(trx, change, {
      name: input.name,
      email: row.email,
      passwordHash,
      departmentId: row.department_id,
      managerId: row.manager_id,
      roleIds: fromJson<string[]>(row.role_ids, []),
      locale: input.locale,
    });
    const session = await createSession(core, trx, { workspaceId: row.workspace_id, userId: user.id, accountId }, client);
    return { session, workspaceId: row.workspace_id, userId: user.id };
  });
}
