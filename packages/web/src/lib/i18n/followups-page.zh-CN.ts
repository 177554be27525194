/**
 * Texts of the follow-ups page (跟进): the team's follow-ups across records, by day, with filters.
 * Spread into `zhCN`, so they are part of `Messages` and `followups-page.en.ts` must have the same keys.
 */
export const followupsPageZh = {
  followupsPage: {
    subtitle: '团队最近做了什么：您能查看的客户、联系人和商机上的每一条跟进，按天汇总。',
    filters: '筛选',
    filtersTitle: '筛选跟进',
    author: '跟进人',
    authorPlaceholder: '全部跟进人',
    type: '方式',
    typePlaceholder: '全部方式',
    period: {
      label: '时间',
      all: '全部',
      today: '今天',
      week: '本周',
      month: '本月',
      custom: '自定义',
      from: '开始日期',
      to: '结束日期',
      since: '{{date}} 起',
      until: '至 {{date}}',
    },
    sort: {
      label: '排序',
      '-occurredAt': '最新在前',
      occurredAt: '最早在前',
    },
    chip: {
      author: '跟进人：{{name}}',
      type: '方式：{{type}}',
      period: '时间：{{period}}',
      remove: '移除筛选：{{label}}',
    },
    activeFilters: '当前筛选',
    noFilters: '显示您可查看的全部跟进',
    clearAll: '清除筛选',
    showResults: '查看结果',
    day: {
      today: '今天',
      yesterday: '昨天',
    },
    record: {
      customer: '客户',
      contact: '联系人',
      opportunity: '商机',
    },
    recordOf: '{{type}}：{{name}}',
    unavailable: '无法查看的记录',
    next: '下一步：{{step}}',
    nextOn: '下次跟进',
    overdue: '已逾期',
    dueToday: '今天到期',
    emptyTitle: '还没有跟进记录',
    emptyDesc: '跟进写在客户、联系人或商机的页面上：打开一条记录，点「写跟进」记下电话、拜访、会议或微信沟通，以及下一步。团队写下的每一条都会按时间汇总到这里。',
    emptyAction: '去客户列表',
    emptyFilteredTitle: '没有符合筛选条件的跟进',
    emptyFilteredDesc: '换个时间范围、跟进人或方式试试，或清除筛选查看全部。',
    end: '没有更多了',
  },
};
