import type { Core } from '../../core';
import { addDays } from '../../clock';
import type { Executor } from '../../db/schema';
import { hashSecret, newSecret } from '../../ids';
import type { SessionsTable } from './session.table';
import { deleteExpiredSessions, deleteSessionRow, deleteSessionsOfUser, findSessionRow, insertSessionRow, touchSessionRow } from './sessions.store';

export interface NewSession {
  /** Goes into the httpOnly cookie; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

// Writing last_seen_at on every request would turn each read into a write; a few minutes' precision is enough.
const TOUCH_INTERVAL_MS = 5 * 60_000;

export async function createSession(
  core: Core,
  db: Executor,
  member: { workspaceId: string; userId: string; accountId: string },
  client: { ip: string | null; userAgent: string | null },
): Promise<NewSession> {
  const now = core.clock.now();
  const token = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = addDays(now, core.config.sessionDays);
  await insertSessionRow(db, {
    id: hashSecret(token),
    workspace_id: member.workspaceId,
    user_id: member.userId,
    account_id: member.accountId,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    last_seen_at: now.toISOString(),
    ip: client.ip,
    user_agent: client.userAgent?.slice(0, 400) ?? null,
  });
  return { token, csrfToken, expiresAt };
}

/** The live session behind a cookie's token, or null when unknown or expired. */
export async function findLiveSession(core: Core, token: string): Promise<SessionsTable | null> {
  const row = await findSessionRow(core.db, hashSecret(token));
  if (!row) return null;
  const now = core.clock.now();
  if (row.expires_at <= now.toISOString()) {
    await deleteSessionRow(core.db, row.id);
    return null;
  }
  if (now.getTime() - new Date(row.last_seen_at).getTime() > TOUCH_INTERVAL_MS) await touchSessionRow(core.db, row.id, now.toISOString());
  return row;
}

export async function endSession(core: Core, token: string): Promise<void> {
  await deleteSessionRow(core.db, hashSecret(token));
}

/** Signs a member out everywhere (deactivation, password reset); `exceptSessionId` keeps the current one. */
export async function revokeSessionsOfUser(db: Executor, workspaceId: string, userId: string, exceptSessionId?: string): Promise<void> {
  await deleteSessionsOfUser(db, workspaceId, userId, exceptSessionId);
}

export async function purgeExpiredSessions(core: Core): Promise<number> {
  return deleteExpiredSessions(core.db, core.clock.now().toISOString());
}
