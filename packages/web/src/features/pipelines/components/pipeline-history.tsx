import { Alert, App, Button, Drawer, Empty, Flex, Popconfirm, Skeleton, Tag, Typography } from 'antd';
import { HistoryOutlined, RollbackOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pipelineChangeText, type PipelineVersion } from '@kairos/domain/pipeline-versions';
import type { Pipeline } from '@kairos/domain/pipelines';
import { ApiError } from '../../../lib/api';
import { useMemberNames } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { formatDateTime } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { useIsPhone } from '../../../lib/use-is-phone';
import { usePipelineVersions, useRestorePipeline } from '../api';

const ACTION_COLOR: Record<PipelineVersion['action'], string> = { create: 'green', update: 'blue', restore: 'purple' };

/** One saved version: when, who, what changed; its stages on request; restore unless it is the current one. */
function VersionItem({ version, current, pipeline, onRestored }: { version: PipelineVersion; current: boolean; pipeline: Pipeline; onRestored: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const names = useMemberNames();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const restore = useRestorePipeline();
  const [showStages, setShowStages] = useState(false);
  const time = formatDateTime(version.at, locale);
  const actionLabel = { create: t('pipelineHistory.actionCreate'), update: t('pipelineHistory.actionUpdate'), restore: t('pipelineHistory.actionRestore') }[version.action];

  const onRestore = () =>
    restore.mutate(
      { id: pipeline.id, versionId: version.id, version: pipeline.version },
      {
        onSuccess: () => {
          void message.success(t('pipelineHistory.restored', { time }));
          onRestored();
        },
        onError: (err) => {
          const fields = err instanceof ApiError ? (err.problem.fields ?? []) : [];
          if (fields.length) modal.error({ title: t('pipelineHistory.restoreBlocked'), content: fields.map((f) => f.message).join('\n') });
          else void message.error(errorText(err));
        },
      },
    );

  return (
    <div style={{ padding: '10px 12px', border: '1px solid #f0f0f0', borderRadius: 8, background: current ? '#f6ffed' : '#fff' }} data-testid="pipeline-version" data-action={version.action}>
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Flex gap={6} align="center" wrap>
          <Tag color={ACTION_COLOR[version.action]} style={{ marginInlineEnd: 0 }}>
            {actionLabel}
          </Tag>
          {current && <Tag style={{ marginInlineEnd: 0 }}>{t('pipelineHistory.current')}</Tag>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('pipelineHistory.by', { name: version.actorId ? (names.get(version.actorId) ?? '—') : t('pipelineHistory.system'), time })}
          </Typography.Text>
        </Flex>
        {!current && version.definition && (
          <Popconfirm
            title={t('pipelineHistory.restoreTitle')}
            description={<div style={{ maxWidth: 300 }}>{t('pipelineHistory.restoreDesc')}</div>}
            okText={t('pipelineHistory.restoreOk')}
            cancelText={t('common.cancel')}
            onConfirm={onRestore}
          >
            <Button size="small" icon={<RollbackOutlined />} loading={restore.isPending} data-testid="pipeline-version-restore">
              {t('pipelineHistory.restore')}
            </Button>
          </Popconfirm>
        )}
      </Flex>
      {version.definition ? (
        <ul style={{ margin: '8px 0 0', paddingInlineStart: 18 }} data-testid="pipeline-version-changes">
          {version.changes.length ? version.changes.map((change, i) => <li key={i}>{pipelineChangeText(change, locale)}</li>) : <li>{t('pipelineHistory.noChanges')}</li>}
        </ul>
      ) : (
        <Typography.Text type="secondary">{t('pipelineHistory.unreadable')}</Typography.Text>
      )}
      {version.definition && (
        <>
          <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setShowStages((v) => !v)} aria-expanded={showStages}>
            {t('pipelineHistory.showStages')}
          </Button>
          {showStages && (
            <Flex gap={4} wrap data-testid="pipeline-version-stages" aria-label={t('pipelineHistory.stages', { count: version.definition.stages.length })}>
              {version.definition.stages.map((s, i) => (
                <Tag key={s.id ?? i} color={s.outcome === 'won' ? 'green' : s.outcome === 'lost' ? 'default' : 'blue'} style={{ marginInlineEnd: 0 }}>
                  {locale === 'en' ? s.nameEn || s.nameZh : s.nameZh} · {s.probability}%
                </Tag>
              ))}
            </Flex>
          )}
        </>
      )}
    </div>
  );
}

/**
 * The pipeline's version history in a drawer: every save, newest first, with what changed, and a way
 * to put an earlier version back. The page asks about unsaved edits before opening it.
 */
export function PipelineHistory({ pipeline, open, onClose }: { pipeline: Pipeline; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const versions = usePipelineVersions(pipeline.id, open);
  const items = versions.data?.pages.flatMap((p) => p.items) ?? [];
  const name = locale === 'en' ? pipeline.nameEn || pipeline.nameZh : pipeline.nameZh;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={
        <span>
          <HistoryOutlined style={{ marginInlineEnd: 8 }} />
          {t('pipelineHistory.title', { name })}
        </span>
      }
      size={isPhone ? '100%' : 520}
      destroyOnHidden
      data-testid="pipeline-history"
    >
      <Typography.Paragraph type="secondary">{t('pipelineHistory.intro')}</Typography.Paragraph>
      {versions.isError ? (
        <Alert type="error" showIcon message={t('pipelineHistory.failed')} action={<Button size="small" onClick={() => void versions.refetch()}>{t('common.retry')}</Button>} />
      ) : versions.isPending ? (
        <Skeleton active />
      ) : items.length === 0 ? (
        <Empty description={t('pipelineHistory.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {items.map((version, i) => (
            <VersionItem key={version.id} version={version} current={i === 0} pipeline={pipeline} onRestored={onClose} />
          ))}
          {versions.hasNextPage && (
            <Button onClick={() => void versions.fetchNextPage()} loading={versions.isFetchingNextPage}>
              {t('pipelineHistory.loadMore')}
            </Button>
          )}
        </Flex>
      )}
    </Drawer>
  );
}
