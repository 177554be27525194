import { UpdateWorkspaceSettingsSchema, WorkspaceSettingsSchema } from '@kairos/domain/workspace';
import type { Core } from '../../core';
import { contextOf } from '../../http/auth';
import { problems, typed, type App } from '../../http/types';
import { getWorkspaceSettings, updateWorkspaceSettings } from './workspace-settings.service';

export function registerWorkspaceSettingsRoutes(app: App, core: Core) {
  const r = typed(app);
  const tags = ['workspace'];
  r.get('/api/workspace/settings', { schema: { tags, summary: 'Workspace-wide rules (duplicate policy, recycle-bin days)', response: { 200: WorkspaceSettingsSchema, ...problems } } }, async (request) =>
    getWorkspaceSettings(core.db, contextOf(request).actor.workspaceId),
  );
  r.patch('/api/workspace/settings', { schema: { tags, summary: 'Change workspace-wide rules (administrators)', body: UpdateWorkspaceSettingsSchema, response: { 200: WorkspaceSettingsSchema, ...problems } } }, async (request) =>
    updateWorkspaceSettings(core, contextOf(request), request.body),
  );
}
