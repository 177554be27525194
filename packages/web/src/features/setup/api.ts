import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MeSchema } from '@kairos/domain/auth';
import { SetupStatusSchema, type SetupRequest } from '@kairos/domain/workspace';
import { request } from '../../lib/api';
import { storeSession } from '../../lib/auth';

export const setupQueryKey = ['setup'] as const;

/** Whether this installation still needs its first-run setup. */
export function useSetupStatus() {
  return useQuery({
    queryKey: setupQueryKey,
    queryFn: () => request('/api/setup', { schema: SetupStatusSchema }),
    staleTime: Infinity,
  });
}

/** Creates the workspace and its first administrator, and signs them in. */
export function useRunSetup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetupRequest) => request('/api/setup', { method: 'POST', body, schema: MeSchema }),
    onSuccess: (me) => {
      queryClient.setQueryData(setupQueryKey, { setupRequired: false });
      storeSession(queryClient, me);
    },
  });
}
