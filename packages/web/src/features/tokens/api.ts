import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiTokenSchema, CreatedApiTokenSchema, type CreateApiToken } from '@kairos/domain/auth';
import { pageOf } from '@kairos/domain/common';
import { request } from '../../lib/api';

const tokensKey = ['tokens'] as const;
const TokenPageSchema = pageOf(ApiTokenSchema);

/** The signed-in user's own API tokens, including revoked and expired ones (for the record). */
export function useTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: () => request('/api/tokens', { query: { limit: 200 }, schema: TokenPageSchema }),
  });
}

/** Creates a token; the answer holds the secret, which the server never shows again. */
export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiToken) => request('/api/tokens', { method: 'POST', body, schema: CreatedApiTokenSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request(`/api/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
