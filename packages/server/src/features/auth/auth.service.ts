import type { ChangePassword, LoginRequest, Me } from '@kairos/domain/auth';
import { AppError } from '@kairos/domain/errors';
import type { Actor } from '@kairos/domain/policy';
import type { Core, RequestContext } from '../../core';
import { nowIso } from '../../core';
import { recordAudit } from '../audit/audit.service';
import { getWorkspace } from '../setup/setup.service';
import { loadActor, roleKeysOf } from '../users/users.service';
import { findAccountByEmail, findAccountById, findMembershipsOfAccount, touchLastSignIn, updateAccountPassword } from '../users/users.store';
import { hashPassword, verifyPassword } from './password';
import { createSession, revokeSessionsOfUser, type NewSession } from './sessions.service';
import { assertNotLocked, clearFailures, recordFailure, throttleKeys } from './throttle.service';

export interface Client {
  ip: string | null;
  userAgent: string | null;
}

/** Everything the UI needs about the signed-in member; `csrfToken` only for cookie sessions. */
export async function buildMe(core: Core, actor: Actor, csrfToken: string | null): Promise<Me> {
  const loaded = await loadActor(core.db, actor.workspaceId, actor.userId);
  if (!loaded) throw new AppError('unauthenticated');
  const workspace = await getWorkspace(core.db, actor.workspaceId);
  const { user } = loaded;
  return {
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      locale: user.locale,
      departmentId: user.departmentId,
      roleKeys: await roleKeysOf(core.db, actor.workspaceId, user.roleIds),
    },
    workspace,
    permissions: [...loaded.actor.permissions].sort(),
    dataScope: loaded.actor.dataScope,
    csrfToken,
  };
}

/**
 * Signs in with e-mail and password. Throttled per account and per IP in the database; a wrong e-mail
 * and a wrong password fail the same way and take the same time.
 */
export async function login(core: Core, input: LoginRequest, client: Client): Promise<{ session: NewSession; me: Me }> {
  const keys = throttleKeys(input.email, client.ip);
  await assertNotLocked(core, keys);
  const account = await findAccountByEmail(core.db, input.email);
  const ok = await verifyPassword(account?.password_hash ?? null, input.password);
  if (!account || !ok) {
    await recordFailure(core, keys);
    throw new AppError('invalid_credentials');
  }
  const memberships = await findMembershipsOfAccount(core.db, account.id);
  const member = memberships.find((m) => m.status === 'active');
  if (!member) {
    if (memberships.length) throw new AppError('account_deactivated');
    throw new AppError('invalid_credentials');
  }
  await clearFailures(core, input.email);
  const at = nowIso(core);
  const session = await core.db.transaction().execute(async (trx) => {
    await touchLastSignIn(trx, member.workspace_id, member.id, at);
    await recordAudit(trx, { workspaceId: member.workspace_id, actorId: member.id, requestId: null, at }, { entityType: 'user', entityId: member.id, action: 'sign_in', after: { ip: client.ip } });
    return createSession(core, trx, { workspaceId: member.workspace_id, userId: member.id, accountId: account.id }, client);
  });
  const loaded = await loadActor(core.db, member.workspace_id, member.id);
  if (!loaded) throw new AppError('account_deactivated');
  return { session, me: await buildMe(core, loaded.actor, session.csrfToken) };
}

/** Changes one's own password after checking the current one; other sessions are signed out. */
export async function changePassword(core: Core, ctx: RequestContext, accountId: string, currentSessionId: string | null, input: ChangePassword): Promise<void> {
  const account = await findAccountById(core.db, accountId);
  if (!account || !(await verifyPassword(account.password_hash, input.currentPassword))) {
    throw new AppError('wrong_password', { fields: [{ path: 'currentPassword', code: 'wrong_password', message: 'wrong password' }] });
  }
  const hash = await hashPassword(input.newPassword);
  await core.db.transaction().execute(async (trx) => {
    const at = nowIso(core);
    await updateAccountPassword(trx, accountId, hash, at);
    await revokeSessionsOfUser(trx, ctx.actor.workspaceId, ctx.actor.userId, currentSessionId ?? undefined);
    await recordAudit(trx, { workspaceId: ctx.actor.workspaceId, actorId: ctx.actor.userId, requestId: ctx.requestId, at }, { entityType: 'user', entityId: ctx.actor.userId, action: 'change_password' });
  });
}
