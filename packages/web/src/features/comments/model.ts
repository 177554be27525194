import type { Comment } from '@kairos/domain/comments';

/** Pure rules of the mentions inbox (no React), so they can be unit-tested. */

/**
 * Where a comment is read in context: a deal's or a customer's page; a contact has no page of its own,
 * so its customer's page, opening the contact's activity (`?contact=`).
 */
export function commentLink(comment: Pick<Comment, 'targetType' | 'targetId' | 'customerId'>): string {
  switch (comment.targetType) {
    case 'opportunity':
      return `/opportunities/${encodeURIComponent(comment.targetId)}`;
    case 'customer':
      return `/customers/${encodeURIComponent(comment.targetId)}`;
    case 'contact':
      return `/customers/${encodeURIComponent(comment.customerId)}?contact=${encodeURIComponent(comment.targetId)}`;
  }
}
