import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { pageOf } from '@kairos/domain/common';
import { MeSchema } from '@kairos/domain/auth';
import {
  CreatedInvitationSchema,
  InvitationPreviewSchema,
  InvitationSchema,
  UserSchema,
  type CreateInvitation,
  type CreateUser,
  type UpdateUser,
  type UserListQuery,
} from '@kairos/domain/users';
import type { z } from 'zod';
import type { AcceptInvitationSchema } from '@kairos/domain/users';
import { request } from '../../lib/api';
import { departmentsKey, usersKey } from '../../lib/directory';
import { clearSession, storeSession } from '../../lib/auth';

const UserPageSchema = pageOf(UserSchema);
// The invitation list is short and unpaginated; tolerate servers that leave out `nextCursor`.
const InvitationListSchema = pageOf(InvitationSchema).partial({ nextCursor: true });
const invitationsKey = ['invitations'] as const;

export type UserFilters = Pick<UserListQuery, 'q' | 'departmentId' | 'status'>;
export type AcceptInvitation = z.infer<typeof AcceptInvitationSchema>;

const PAGE_SIZE = 50;

/** Users matching the filters, a page at a time (cursor pagination). */
export function useUserList(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: [...usersKey, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      request('/api/users', { query: { limit: PAGE_SIZE, cursor: pageParam, ...filters }, schema: UserPageSchema, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function useInvalidatePeople() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: usersKey });
    void queryClient.invalidateQueries({ queryKey: departmentsKey }); // member counts move with people
  };
}

export function useCreateUser() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: (body: CreateUser) => request('/api/users', { method: 'POST', body, schema: UserSchema }),
    onSuccess: invalidate,
  });
}

/** Edits a user; `body.version` must be the version that was on screen (stale → 409 version_conflict). */
export function useUpdateUser() {
  const invalidate = useInvalidatePeople();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateUser }) =>
      request(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body, schema: UserSchema }),
    onSettled: invalidate,
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, newPassword }: { id: string; newPassword: string }) =>
      request(`/api/users/${encodeURIComponent(id)}/password`, { method: 'POST', body: { newPassword } }),
  });
}

export function useInvitations() {
  return useQuery({
    queryKey: invitationsKey,
    queryFn: () => request('/api/invitations', { query: { limit: 200 }, schema: InvitationListSchema }),
  });
}

/** Creates an invitation; the answer carries the link (with its secret), shown once. */
export function useCreateInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInvitation) => request('/api/invitations', { method: 'POST', body, schema: CreatedInvitationSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => request(`/api/invitations/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
}

/** Public: what an invitation link is for (workspace and e-mail), before accepting it. */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => request(`/api/invitations/${encodeURIComponent(token)}/preview`, { schema: InvitationPreviewSchema }),
    retry: false,
  });
}

/** Public: creates the account from the invitation and signs it in. */
export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptInvitation) =>
      request(`/api/invitations/${encodeURIComponent(token)}/accept`, { method: 'POST', body, schema: MeSchema }),
    onSuccess: (me) => {
      clearSession(queryClient);
      storeSession(queryClient, me);
    },
  });
}
