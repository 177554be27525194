/**
 * Texts of the contacts list's extras: bulk actions, the recycle bin and handing one contact to a colleague.
 * Spread into `zhCN`, so they are part of `Messages` and `contacts-extra.en.ts` must have the same keys.
 */
export const contactsExtraZh = {
  contactsExtra: {
    tabList: '联系人列表',
    tabRecycle: '回收站',
    select: '选择',
    bulk: {
      assign: '分配负责人',
      addTag: '添加标签',
      delete: '删除',
      assignTitle_one: '将 {{count}} 个联系人分配给',
      assignTitle_other: '将 {{count}} 个联系人分配给',
      assignHint: '新负责人需能查看这些联系人所属的客户，否则请转移客户。',
      tagTitle_one: '为 {{count}} 个联系人添加标签',
      tagTitle_other: '为 {{count}} 个联系人添加标签',
      tagPlaceholder: '例如：关键人',
      deleteTitle_one: '删除选中的 {{count}} 个联系人？',
      deleteTitle_other: '删除选中的 {{count}} 个联系人？',
      deleteDesc: '联系人会移入回收站，{{days}} 天内可以恢复。',
      done_one: '已处理 {{count}} 个联系人',
      done_other: '已处理 {{count}} 个联系人',
      partial: '{{ok}} 个成功，{{failed}} 个未处理（{{reasons}}）',
      separator: '、',
      reasonCount: '{{reason}} {{count}} 个',
      reason: {
        forbidden: '无权限',
        not_found: '已不存在',
        version_conflict: '已被他人修改',
        other: '其他原因',
      },
    },
    restore: '恢复',
    restored: '联系人已恢复',
    colDeleted: '删除时间',
    colDaysLeft: '剩余天数',
    recycleEmptyTitle: '回收站是空的',
    recycleEmptyDesc: '删除的联系人会在这里保留 {{days}} 天，期间可以恢复。',
    recycleHint: '删除的联系人保留 {{days}} 天，到期后自动清除。',
    transfer: {
      action: '转交',
      title: '转交联系人',
      desc: '把「{{name}}」交给同事负责，备注会记入动态。谁能查看联系人仍取决于所属客户，新负责人需能查看该客户。',
      done: '已转交给 {{name}}',
    },
  },
};
