/**
 * Texts of editing a deal right in the deal list (金额、预计成交日期、阶段). Spread into `zhCN`, so they
 * are part of `Messages` and `inline-edit.en.ts` must have the same keys.
 */
export const inlineEditZh = {
  inlineEdit: {
    editAmount: '修改金额',
    editClose: '修改预计成交日期',
    editStage: '修改阶段',
    saving: '正在保存…',
    saved: '已保存',
    moved: '已移动到「{{stage}}」',
    invalidAmount: '金额格式不正确，已恢复原值',
    tooLarge: '金额过大，已恢复原值',
    conflict: '该商机刚被其他人修改，已刷新为最新内容，请重新修改。',
    backNeedsReason: '退回需要填写原因，请打开商机操作',
    gateTitle: '还不能移动到「{{stage}}」',
    gateIntro: '请先完成下列事项：',
    openDeal: '打开商机补齐',
  },
};
