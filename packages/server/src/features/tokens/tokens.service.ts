import type { ApiToken, CreateApiToken } from '@kairos/domain/auth';
import { AppError } from '@kairos/domain/errors';
import type { Core, RequestContext } from '../../core';
import { nowIso } from '../../core';
import { addDays } from '../../clock';
import type { Executor } from '../../db/schema';
import { hashSecret, newId, newSecret } from '../../ids';
import { decodeTextKeyset, toPage } from '../../shared/cursor';
import { recordAudit } from '../audit/audit.service';
import type { ApiTokensTable } from './token.table';
import { findTokenByHash, insertTokenRow, listTokenRows, revokeTokenRow, revokeTokensOfUserRows, touchTokenRow } from './tokens.store';

const TOKEN_PREFIX = 'kairos_';
const TOUCH_INTERVAL_MS = 60_000;

function toApiToken(row: ApiTokensTable): ApiToken {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.created_at, expiresAt: row.expires_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at };
}

/** Creates a personal API token for the caller. The secret is returned once and stored only as a hash. */
export async function createToken(core: Core, ctx: RequestContext, input: CreateApiToken): Promise<ApiToken & { token: string }> {
  const token = `${TOKEN_PREFIX}${newSecret(30)}`;
  const now = core.clock.now();
  const row: ApiTokensTable = {
    workspace_id: ctx.actor.workspaceId,
    id: newId(),
    user_id: ctx.actor.userId,
    name: input.name,
    prefix: token.slice(0, TOKEN_PREFIX.length + 6),
    token_hash: hashSecret(token),
    created_at: now.toISOString(),
    expires_at: addDays(now, input.expiresInDays).toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  await core.db.transaction().execute(async (trx) => {
    await insertTokenRow(trx, row);
    await recordAudit(trx, { workspaceId: row.workspace_id, actorId: ctx.actor.userId, requestId: ctx.requestId, at: row.created_at }, { entityType: 'api_token', entityId: row.id, action: 'create', after: toApiToken(row) });
  });
  return { ...toApiToken(row), token };
}

export async function listTokens(core: Core, ctx: RequestContext, query: { limit: number; cursor?: string }) {
  const binding = `tokens:${ctx.actor.userId}`;
  const key = decodeTextKeyset(core.cursors, query.cursor, binding);
  const before = key && { createdAt: key.value, id: key.id };
  const rows = await listTokenRows(core.db, ctx.actor.workspaceId, ctx.actor.userId, before, query.limit + 1);
  return toPage(rows, query.limit, toApiToken, (r) => [r.created_at, r.id], core.cursors, binding);
}

/** Revokes one of the caller's own tokens; someone else's is a 404. */
export async function revokeToken(core: Core, ctx: RequestContext, id: string): Promise<void> {
  await core.db.transaction().execute(async (trx) => {
    const at = nowIso(core);
    if (!(await revokeTokenRow(trx, ctx.actor.workspaceId, ctx.actor.userId, id, at))) throw new AppError('not_found');
    await recordAudit(trx, { workspaceId: ctx.actor.workspaceId, actorId: ctx.actor.userId, requestId: ctx.requestId, at }, { entityType: 'api_token', entityId: id, action: 'revoke' });
  });
}

export async function revokeTokensOfUser(db: Executor, workspaceId: string, userId: string, at: string): Promise<void> {
  await revokeTokensOfUserRows(db, workspaceId, userId, at);
}

/** The member behind a bearer token, or null when it is unknown, revoked or expired. */
export async function resolveToken(core: Core, token: string): Promise<{ workspaceId: string; userId: string } | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const row = await findTokenByHash(core.db, hashSecret(token));
  const now = core.clock.now();
  if (!row || row.revoked_at || row.expires_at <= now.toISOString()) return null;
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL_MS) {
    await touchTokenRow(core.db, row.workspace_id, row.id, now.toISOString());
  }
  return { workspaceId: row.workspace_id, userId: row.user_id };
}
