import type { contactsExtraZh } from './contacts-extra.zh-CN';

/** English texts of the contacts list's extras (bulk actions, recycle bin, transfer); the same keys as the zh-CN ones. */
export const contactsExtraEn: typeof contactsExtraZh = {
  contactsExtra: {
    tabList: 'Contacts',
    tabRecycle: 'Recycle bin',
    select: 'Select',
    bulk: {
      assign: 'Assign owner',
      addTag: 'Add tag',
      delete: 'Delete',
      assignTitle_one: 'Assign {{count}} contact to',
      assignTitle_other: 'Assign {{count}} contacts to',
      assignHint: "The new owner must be able to see these contacts' customers; otherwise transfer the customers.",
      tagTitle_one: 'Add a tag to {{count}} contact',
      tagTitle_other: 'Add a tag to {{count}} contacts',
      tagPlaceholder: 'e.g. Key person',
      deleteTitle_one: 'Delete the selected contact?',
      deleteTitle_other: 'Delete the {{count}} selected contacts?',
      deleteDesc: 'Contacts go to the recycle bin and can be restored within {{days}} days.',
      done_one: '{{count}} contact updated',
      done_other: '{{count}} contacts updated',
      partial: '{{ok}} done, {{failed}} not done ({{reasons}})',
      separator: ', ',
      reasonCount: '{{reason}}: {{count}}',
      reason: {
        forbidden: 'no permission',
        not_found: 'no longer exists',
        version_conflict: 'changed by someone else',
        other: 'other reason',
      },
    },
    restore: 'Restore',
    restored: 'Contact restored',
    colDeleted: 'Deleted',
    colDaysLeft: 'Days left',
    recycleEmptyTitle: 'The recycle bin is empty',
    recycleEmptyDesc: 'Deleted contacts stay here for {{days}} days and can be restored meanwhile.',
    recycleHint: 'Deleted contacts are kept for {{days}} days, then removed for good.',
    transfer: {
      action: 'Transfer',
      title: 'Transfer contact',
      desc: "Hand “{{name}}” to a colleague; the note goes into the history. Who may see a contact still follows its customer, so the new owner must be able to see that customer.",
      done: 'Transferred to {{name}}',
    },
  },
};
