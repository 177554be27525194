import { MeSchema } from '@kairos/domain/auth';
import { ProblemSchema } from '@kairos/domain/common';
import { SetupRequestSchema, SetupStatusSchema } from '@kairos/domain/workspace';
import type { Core } from '../../core';
import { clientOf, setSessionCookies } from '../../http/auth';
import { typed, type App } from '../../http/types';
import { buildMe } from '../auth/auth.service';
import { createSession } from '../auth/sessions.service';
import { loadActor } from '../users/users.service';
import { createWorkspace, isSetupRequired } from './setup.service';

export function registerSetupRoutes(app: App, core: Core) {
  const r = typed(app);
  r.get('/api/setup', { schema: { tags: ['setup'], summary: 'Whether first-run setup is still open', response: { 200: SetupStatusSchema } } }, async () => ({
    setupRequired: await isSetupRequired(core.db),
  }));

  r.post(
    '/api/setup',
    { schema: { tags: ['setup'], summary: 'Create the first workspace and its administrator, and sign in', body: SetupRequestSchema, response: { 200: MeSchema, 409: ProblemSchema, 422: ProblemSchema } } },
    async (request, reply) => {
      const created = await createWorkspace(core, request.body, { firstRun: true });
      const loaded = await loadActor(core.db, created.workspace.id, created.admin.id);
      if (!loaded) throw new Error('the new administrator could not be loaded');
      const session = await createSession(core, core.db, { workspaceId: created.workspace.id, userId: created.admin.id, accountId: created.adminAccountId }, clientOf(request));
      setSessionCookies(request, reply, session);
      return buildMe(core, loaded.actor, session.csrfToken);
    },
  );
}
