import type { bulkMoveZh } from './bulk-move.zh-CN';

export const bulkMoveEn: typeof bulkMoveZh = {
  bulkMove: {
    action: 'Move to stage',
    title: 'Move the selected deals ({{count}}) to',
    stage: 'Stage',
    stagePlaceholder: 'Choose a stage',
    reason: 'Reason',
    reasonHint: 'Moving a deal back or re-opening it needs a reason.',
    lossReason: 'Loss reason',
    lossReasonPlaceholder: 'Choose a loss reason',
    resultTitle: '{{ok}} moved, {{failed}} not moved',
    resultIntro: 'These deals did not pass the stage gate; complete them one by one, then move them:',
    otherPipeline: 'is in another pipeline',
    otherReason: 'could not be moved ({{code}})',
    dealLabel: 'Deal {{n}}',
  },
};
