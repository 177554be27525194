/**
 * Texts of moving many deals to one stage from the deal list. Spread into `zhCN`, so they are part of
 * `Messages` and `bulk-move.en.ts` must have the same keys.
 */
export const bulkMoveZh = {
  bulkMove: {
    action: '移动到阶段',
    title: '把 {{count}} 个商机移动到',
    stage: '目标阶段',
    stagePlaceholder: '选择阶段',
    reason: '原因',
    reasonHint: '退回或重新打开商机时需要填写原因。',
    lossReason: '输单原因',
    lossReasonPlaceholder: '选择输单原因',
    resultTitle: '{{ok}} 个已移动，{{failed}} 个未移动',
    resultIntro: '下列商机未通过阶段门槛，请逐个补齐后再移动：',
    otherPipeline: '不在该阶段所属的销售流程中',
    otherReason: '无法移动（{{code}}）',
    dealLabel: '商机 {{n}}',
  },
};
