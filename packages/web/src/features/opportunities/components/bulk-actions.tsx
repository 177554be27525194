import { App, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { DeleteOutlined, NodeIndexOutlined, TagOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkResult } from '@kairos/domain/common';
import { BulkOpportunityActionSchema } from '@kairos/domain/opportunities';
import { stageName } from '@kairos/domain/pipelines';
import { usePermission } from '../../../lib/auth';
import { memberOptions, useDirectory, useWorkspaceSettings } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { validateForm } from '../../../lib/forms';
import { useBulkOpportunities, usePipelines } from '../api';

type Dialog = 'assign' | 'addTag' | 'move' | null;

/** Which bulk actions the member may start (the server still checks each deal on its own). */
export function useBulkPermissions() {
  const assign = usePermission('records.transfer');
  const addTag = usePermission('records.edit');
  const remove = usePermission('records.delete');
  return { assign, addTag, move: addTag, delete: remove, any: assign || addTag || remove };
}

/**
 * The bar over the list when deals are selected: assign them to a colleague, add a tag, or delete them
 * (after a confirmation). Each deal is checked on its own; the result says how many went through.
 */
export function BulkActions({ ids, names, onDone }: { ids: string[]; names?: ReadonlyMap<string, string>; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const allowed = useBulkPermissions();
  const bulk = useBulkOpportunities();
  const settings = useWorkspaceSettings();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<{ toUserId?: string; tag?: string; stageId?: string; reason?: string; lossReason?: string }>();
  const directory = useDirectory(dialog === 'assign');
  const pipelines = usePipelines(dialog === 'move');
  const options = useMemo(() => memberOptions(directory.data), [directory.data]);
  const stageId = Form.useWatch('stageId', form);
  const count = ids.length;
  const locale = i18n.language;
  // Stages grouped by pipeline; each deal is checked against its own pipeline on the server.
  const stageOptions = (pipelines.data?.items ?? []).map((p) => ({ label: stageName(p, locale), options: p.stages.map((s) => ({ value: s.id, label: stageName(s, locale) })) }));
  const chosenPipeline = pipelines.data?.items.find((p) => p.stages.some((s) => s.id === stageId));
  const losing = chosenPipeline?.stages.find((s) => s.id === stageId)?.outcome === 'lost';

  /** A bulk move that some deals' gates stopped: say which and why, so nothing fails silently. */
  const explainMove = (result: BulkResult) => {
    const failed = result.results.filter((r) => !r.ok);
    modal.warning({
      title: t('bulkMove.resultTitle', { ok: result.results.length - failed.length, failed: failed.length }),
      width: 560,
      content: (
        <div data-testid="bulk-move-result">
          <Typography.Paragraph>{t('bulkMove.resultIntro')}</Typography.Paragraph>
          <ul style={{ paddingInlineStart: 20 }}>
            {failed.map((r) => (
              <li key={r.id}>
                <Typography.Text strong>{names?.get(r.id) ?? t('bulkMove.dealLabel', { n: ids.indexOf(r.id) + 1 })}</Typography.Text>{' '}
                {r.messages?.length ? r.messages.join('；') : r.code === 'wrong_pipeline' ? t('bulkMove.otherPipeline') : t('bulkMove.otherReason', { code: r.code })}
              </li>
            ))}
          </ul>
        </div>
      ),
    });
  };

  const report = (result: BulkResult, action?: string) => {
    const ok = result.results.filter((r) => r.ok).length;
    const failed = result.results.length - ok;
    if (failed && action === 'move') explainMove(result);
    else if (failed) void message.warning(t('opportunities.bulk.partial', { ok, failed }));
    else void message.success(t('opportunities.bulk.done', { count: ok }));
    onDone();
  };

  const run = (body: unknown) => {
    const parsed = validateForm(form, BulkOpportunityActionSchema, body, t);
    if (!parsed) return Promise.resolve();
    return bulk.mutateAsync(parsed).then(
      (result) => {
        setDialog(null);
        report(result, parsed.action);
      },
      (err: unknown) => void message.error(errorText(err)),
    );
  };

  const confirmDelete = () =>
    modal.confirm({
      title: t('opportunities.bulk.deleteTitle', { count }),
      content: t('opportunities.bulk.deleteDesc', { days: settings.data?.recycleDays ?? 30 }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        bulk.mutateAsync({ action: 'delete', ids }).then(report, (err: unknown) => void message.error(errorText(err))),
    });

  const open = (which: Exclude<Dialog, null>) => {
    form.resetFields();
    setDialog(which);
  };

  return (
    <Flex align="center" gap={8} wrap className="kairos-bulk-bar" data-testid="bulk-bar">
      <Typography.Text strong>{t('opportunities.bulk.selected', { count })}</Typography.Text>
      {allowed.assign && (
        <Button size="small" icon={<UserSwitchOutlined />} onClick={() => open('assign')} data-testid="bulk-assign">
          {t('opportunities.bulk.assign')}
        </Button>
      )}
      {allowed.addTag && (
        <Button size="small" icon={<TagOutlined />} onClick={() => open('addTag')} data-testid="bulk-tag">
          {t('opportunities.bulk.addTag')}
        </Button>
      )}
      {allowed.move && (
        <Button size="small" icon={<NodeIndexOutlined />} onClick={() => open('move')} data-testid="bulk-move">
          {t('bulkMove.action')}
        </Button>
      )}
      {allowed.delete && (
        <Button size="small" danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="bulk-delete">
          {t('opportunities.bulk.delete')}
        </Button>
      )}
      <Button size="small" type="link" onClick={onDone}>
        {t('opportunities.bulk.clear')}
      </Button>
      <Modal
        open={dialog !== null}
        title={dialog === 'assign' ? t('opportunities.bulk.assignTitle', { count }) : dialog === 'move' ? t('bulkMove.title', { count }) : t('opportunities.bulk.tagTitle', { count })}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={bulk.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) =>
            void run(
              dialog === 'assign'
                ? { action: 'assign', ids, toUserId: values.toUserId }
                : dialog === 'move'
                  ? { action: 'move', ids, stageId: values.stageId, reason: values.reason || undefined, lossReason: losing ? values.lossReason : undefined }
                  : { action: 'addTag', ids, tag: values.tag },
            )
          }
        >
          {dialog === 'move' ? (
            <>
              <Form.Item name="stageId" label={t('bulkMove.stage')}>
                <Select options={stageOptions} placeholder={t('bulkMove.stagePlaceholder')} loading={pipelines.isPending} data-testid="bulk-move-stage" />
              </Form.Item>
              {losing && (
                <Form.Item name="lossReason" label={t('bulkMove.lossReason')}>
                  <Select
                    options={chosenPipeline?.lossReasons.map((r) => ({ value: r.key, label: locale.startsWith('zh') ? r.labelZh : r.labelEn || r.labelZh }))}
                    placeholder={t('bulkMove.lossReasonPlaceholder')}
                    data-testid="bulk-move-loss-reason"
                  />
                </Form.Item>
              )}
              <Form.Item name="reason" label={t('bulkMove.reason')} extra={t('bulkMove.reasonHint')}>
                <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} data-testid="bulk-move-reason" />
              </Form.Item>
            </>
          ) : dialog === 'assign' ? (
            <Form.Item name="toUserId" label={t('transfer.to')}>
              <Select options={options} showSearch={{ optionFilterProp: 'label' }} placeholder={t('transfer.toPlaceholder')} loading={directory.isPending} data-testid="bulk-assign-to" />
            </Form.Item>
          ) : (
            <Form.Item name="tag" label={t('opportunities.field.tags')}>
              <Input maxLength={20} autoComplete="off" placeholder={t('opportunities.bulk.tagPlaceholder')} data-testid="bulk-tag-input" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Flex>
  );
}
