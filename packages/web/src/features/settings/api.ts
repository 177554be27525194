import { useMutation, useQueryClient } from '@tanstack/react-query';
import { WorkspaceSettingsSchema, type UpdateWorkspaceSettingsSchema, type WorkspaceSettings } from '@kairos/domain/workspace';
import type { z } from 'zod';
import { request } from '../../lib/api';
import { workspaceSettingsKey } from '../../lib/directory';

export type UpdateWorkspaceSettings = z.infer<typeof UpdateWorkspaceSettingsSchema>;

/** Sends only the settings that changed: the server keeps the others, so two admins on two screens don't overwrite each other. */
export function saveSettings(change: UpdateWorkspaceSettings): Promise<WorkspaceSettings> {
  return request('/api/workspace/settings', { method: 'PATCH', body: change, schema: WorkspaceSettingsSchema });
}

/** Changes workspace-wide rules (administrators); the answer is the whole new settings object. */
export function useUpdateWorkspaceSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveSettings,
    onSuccess: (settings) => {
      queryClient.setQueryData(workspaceSettingsKey, settings);
      // The live duplicate check reports the policy; drop answers given under the old one.
      queryClient.removeQueries({ queryKey: ['duplicates'] });
    },
  });
}
