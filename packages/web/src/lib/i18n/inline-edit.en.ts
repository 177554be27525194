import type { inlineEditZh } from './inline-edit.zh-CN';

export const inlineEditEn: typeof inlineEditZh = {
  inlineEdit: {
    editAmount: 'Edit amount',
    editClose: 'Edit expected close',
    editStage: 'Edit stage',
    saving: 'Saving…',
    saved: 'Saved',
    moved: 'Moved to {{stage}}',
    invalidAmount: 'That is not a valid amount; the old one is back',
    tooLarge: 'That amount is too large; the old one is back',
    conflict: 'Someone else just changed this deal. It now shows the latest version; please make your change again.',
    backNeedsReason: 'Moving back needs a reason: open the deal to do it',
    gateTitle: "Can't move to {{stage}} yet",
    gateIntro: 'First complete these items:',
    openDeal: 'Open the deal to complete them',
  },
};
