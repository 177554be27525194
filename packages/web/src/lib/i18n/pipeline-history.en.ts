import type { pipelineHistoryZh } from './pipeline-history.zh-CN';

/** A pipeline's version history, in English (same keys as `pipeline-history.zh-CN.ts`). */
export const pipelineHistoryEn: typeof pipelineHistoryZh = {
  pipelineHistory: {
    open: 'Version history',
    title: 'Version history of "{{name}}"',
    intro: 'Every save keeps a whole version. Restoring a version saves it again as the newest one, so a restore can be undone the same way.',
    current: 'Current version',
    actionCreate: 'Created',
    actionUpdate: 'Changed',
    actionRestore: 'Restored',
    by: '{{name}} · {{time}}',
    system: 'System',
    noChanges: 'Nothing changed',
    stages: 'Stages ({{count}})',
    showStages: "Show this version's stages",
    restore: 'Restore this version',
    restoreTitle: 'Restore this version?',
    restoreDesc: "The pipeline gets this version's stages, gates, tasks and limits back, saved as a new version. Stages removed since come back empty; stages that still hold deals are not removed.",
    restoreOk: 'Restore',
    restored: 'Restored the version of {{time}}',
    restoreBlocked: 'This version cannot be restored',
    unreadable: 'This version can no longer be read',
    empty: 'No saved versions yet',
    loadMore: 'Earlier versions',
    failed: 'Could not load the version history',
  },
};
