import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { IdSchema } from '@kairos/domain/common';
import { NotificationPageSchema, UnreadCountSchema, type MarkNotificationsRead } from '@kairos/domain/notifications';
import { request } from '../../lib/api';

/**
 * The notification inbox (通知): the unread count the header bell polls, the pages of notifications,
 * and marking them read. Every answer carries the unread count, so each one updates the bell at once.
 */
export const notificationsKey = ['notifications'] as const;
const unreadCountKey = [...notificationsKey, 'unread-count'] as const;
const listKey = [...notificationsKey, 'list'] as const;

/** How often the bell asks (the tab must be visible; a returning tab asks at once). */
const POLL_MS = 30_000;
const PAGE_SIZE = 20;

type NotificationPage = z.infer<typeof NotificationPageSchema>;

function storeUnreadCount(queryClient: QueryClient, unreadCount: number) {
  queryClient.setQueryData(unreadCountKey, { unreadCount });
}

export function useUnreadCount() {
  return useQuery({
    queryKey: unreadCountKey,
    queryFn: ({ signal }) => request('/api/notifications/unread-count', { schema: UnreadCountSchema, signal }),
    refetchInterval: POLL_MS,
    // A returning tab asks at once, however recent the last answer.
    refetchOnWindowFocus: 'always',
  });
}

/** The caller's notifications, newest first, a page at a time; `unreadOnly` leaves out the read ones. */
export function useNotifications(unreadOnly: boolean, enabled: boolean) {
  const queryClient = useQueryClient();
  return useInfiniteQuery({
    queryKey: [...listKey, unreadOnly],
    queryFn: async ({ pageParam, signal }) => {
      const page = await request('/api/notifications', { query: { unread: unreadOnly, limit: PAGE_SIZE, cursor: pageParam }, schema: NotificationPageSchema, signal });
      storeUnreadCount(queryClient, page.unreadCount);
      return page;
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
    // Opening the inbox always shows what is there now, not what was there when it was last open.
    refetchOnMount: 'always',
    staleTime: 0,
  });
}

/** Marks some notifications read (`ids`) or all of them (`all`); the inbox shows them read at once. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkNotificationsRead) => request('/api/notifications/read', { method: 'POST', body, schema: UnreadCountSchema }),
    onSuccess: ({ unreadCount }, body) => {
      storeUnreadCount(queryClient, unreadCount);
      const readAt = new Date().toISOString();
      const ids = new Set(body.ids ?? []);
      queryClient.setQueriesData<InfiniteData<NotificationPage>>({ queryKey: listKey }, (data) =>
        data && {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            unreadCount,
            items: page.items.map((n) => (!n.readAt && (body.all || ids.has(n.id)) ? { ...n, readAt } : n)),
          })),
        },
      );
    },
  });
}

const ContactRefSchema = z.object({ id: IdSchema, customerId: IdSchema });

/** The customer a contact belongs to (a notification names only the contact), for opening it on its customer's page. */
export function fetchContactCustomerId(queryClient: QueryClient, contactId: string): Promise<string> {
  return queryClient
    .fetchQuery({
      queryKey: [...notificationsKey, 'contact', contactId],
      queryFn: ({ signal }) => request(`/api/contacts/${encodeURIComponent(contactId)}`, { schema: ContactRefSchema, signal }),
      staleTime: 5 * 60_000,
    })
    .then((contact) => contact.customerId);
}
