import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MeSchema, type ChangePassword, type LoginRequest } from '@kairos/domain/auth';
import { request } from '../../lib/api';
import { clearSession, storeSession } from '../../lib/auth';

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LoginRequest) => request('/api/auth/login', { method: 'POST', body, schema: MeSchema }),
    onSuccess: (me) => {
      clearSession(queryClient); // nothing cached for a previous user may leak into this session
      storeSession(queryClient, me);
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: ChangePassword) => request('/api/auth/password', { method: 'POST', body }),
  });
}
