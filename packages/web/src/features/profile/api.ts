import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { MeSchema, type UpdateProfileSchema } from '@kairos/domain/auth';
import { request } from '../../lib/api';
import { storeSession } from '../../lib/auth';

export type UpdateProfile = z.infer<typeof UpdateProfileSchema>;

/** Saves the signed-in user's own name and/or language. */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProfile) => request('/api/auth/me', { method: 'PATCH', body, schema: MeSchema }),
    onSuccess: (me) => storeSession(queryClient, me),
  });
}
