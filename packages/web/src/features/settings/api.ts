import { useMutation, useQueryClient } from '@tanstack/react-query';
import { WorkspaceSettingsSchema, type UpdateWorkspaceSettingsSchema } from '@kairos/domain/workspace';
import type { z } from 'zod';
import { request } from '../../lib/api';
import { workspaceSettingsKey } from '../../lib/directory';

export type UpdateWorkspaceSettings = z.infer<typeof UpdateWorkspaceSettingsSchema>;

/** Changes workspace-wide rules (administrators); the answer is the whole new settings object. */
export function useUpdateWorkspaceSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateWorkspaceSettings) => request('/api/workspace/settings', { method: 'PATCH', body, schema: WorkspaceSettingsSchema }),
    onSuccess: (settings) => {
      queryClient.setQueryData(workspaceSettingsKey, settings);
      // The live duplicate check reports the policy; drop answers given under the old one.
      queryClient.removeQueries({ queryKey: ['duplicates'] });
    },
  });
}
