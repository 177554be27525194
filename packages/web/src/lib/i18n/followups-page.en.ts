import type { followupsPageZh } from './followups-page.zh-CN';

/** English texts of the follow-ups page; the same keys as the zh-CN ones. */
export const followupsPageEn: typeof followupsPageZh = {
  followupsPage: {
    subtitle: 'What the team has been doing: every follow-up on the customers, contacts and deals you can see, day by day.',
    filters: 'Filters',
    filtersTitle: 'Filter follow-ups',
    author: 'Logged by',
    authorPlaceholder: 'Anyone',
    type: 'Type',
    typePlaceholder: 'Any type',
    period: {
      label: 'When',
      all: 'All',
      today: 'Today',
      week: 'This week',
      month: 'This month',
      custom: 'Custom',
      from: 'From',
      to: 'To',
      since: 'Since {{date}}',
      until: 'Until {{date}}',
    },
    sort: {
      label: 'Order',
      '-occurredAt': 'Newest first',
      occurredAt: 'Oldest first',
    },
    chip: {
      author: 'Logged by: {{name}}',
      type: 'Type: {{type}}',
      period: 'When: {{period}}',
      remove: 'Remove filter: {{label}}',
    },
    activeFilters: 'Filters in use',
    noFilters: 'Showing every follow-up you can see',
    clearAll: 'Clear filters',
    showResults: 'Show results',
    day: {
      today: 'Today',
      yesterday: 'Yesterday',
    },
    record: {
      customer: 'Customer',
      contact: 'Contact',
      opportunity: 'Deal',
    },
    recordOf: '{{type}}: {{name}}',
    unavailable: 'A record you cannot open',
    next: 'Next: {{step}}',
    nextOn: 'Next follow-up',
    overdue: 'Overdue',
    dueToday: 'Due today',
    emptyTitle: 'No follow-ups yet',
    emptyDesc:
      'Follow-ups are logged on a customer, contact or deal: open the record and choose “Log follow-up” to note a call, visit, meeting or WeChat chat and what comes next. Everything the team logs shows up here, newest first.',
    emptyAction: 'Go to customers',
    emptyFilteredTitle: 'No follow-ups match these filters',
    emptyFilteredDesc: 'Try another period, person or type, or clear the filters to see everything.',
    end: 'No more follow-ups',
  },
};
