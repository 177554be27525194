import { useMutation, useQuery, type QueryClient } from '@tanstack/react-query';
import { MeSchema, type Me } from '@kairos/domain/auth';
import type { Permission } from '@kairos/domain/roles';
import { ApiError, request, setCsrfToken } from './api';

/**
 * The signed-in session, shared by every part of the UI: who is signed in (`null` when nobody is),
 * what they may do, and the CSRF token writes must carry.
 */
export const meQueryKey = ['auth', 'me'] as const;

export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await request('/api/auth/me', { schema: MeSchema });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** The signed-in user; only for components rendered behind the sign-in guard. */
export function useSession(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useSession() used outside the signed-in area');
  return data;
}

/** Stores a Me the server just returned (sign-in, setup, invitation, profile update). */
export function storeSession(queryClient: QueryClient, me: Me | null): void {
  setCsrfToken(me?.csrfToken ?? null);
  queryClient.setQueryData(meQueryKey, me);
}

/** Forgets everything cached for the previous user, so the next one never sees it. */
export function clearSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] && q.queryKey[0] !== 'setup' });
  queryClient.setQueryData(meQueryKey, null);
}

export function hasPermission(me: Me | null | undefined, permission: Permission): boolean {
  return !!me?.permissions.includes(permission);
}

export function usePermission(permission: Permission): boolean {
  const { data } = useMe();
  return hasPermission(data, permission);
}

export function useSignOut() {
  return useMutation({
    mutationFn: () => request('/api/auth/logout', { method: 'POST' }),
    // A full page load, even if the call failed (the cookie may already be gone): nothing the previous
    // user loaded stays in memory, and the sign-in page starts clean rather than "returning" somewhere.
    onSettled: () => {
      setCsrfToken(null);
      window.location.replace('/login');
    },
  });
}
