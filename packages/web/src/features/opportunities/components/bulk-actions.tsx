import { App, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { DeleteOutlined, TagOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkResult } from '@kairos/domain/common';
import { BulkOpportunityActionSchema } from '@kairos/domain/opportunities';
import { usePermission } from '../../../lib/auth';
import { memberOptions, useDirectory, useWorkspaceSettings } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { validateForm } from '../../../lib/forms';
import { useBulkOpportunities } from '../api';

type Dialog = 'assign' | 'addTag' | null;

/** Which bulk actions the member may start (the server still checks each deal on its own). */
export function useBulkPermissions() {
  const assign = usePermission('records.transfer');
  const addTag = usePermission('records.edit');
  const remove = usePermission('records.delete');
  return { assign, addTag, delete: remove, any: assign || addTag || remove };
}

/**
 * The bar over the list when deals are selected: assign them to a colleague, add a tag, or delete them
 * (after a confirmation). Each deal is checked on its own; the result says how many went through.
 */
export function BulkActions({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const allowed = useBulkPermissions();
  const bulk = useBulkOpportunities();
  const settings = useWorkspaceSettings();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<{ toUserId?: string; tag?: string }>();
  const directory = useDirectory(dialog === 'assign');
  const options = useMemo(() => memberOptions(directory.data), [directory.data]);
  const count = ids.length;

  const report = (result: BulkResult) => {
    const ok = result.results.filter((r) => r.ok).length;
    const failed = result.results.length - ok;
    if (failed) void message.warning(t('opportunities.bulk.partial', { ok, failed }));
    else void message.success(t('opportunities.bulk.done', { count: ok }));
    onDone();
  };

  const run = (body: unknown) => {
    const parsed = validateForm(form, BulkOpportunityActionSchema, body, t);
    if (!parsed) return Promise.resolve();
    return bulk.mutateAsync(parsed).then(
      (result) => {
        setDialog(null);
        report(result);
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
        title={dialog === 'assign' ? t('opportunities.bulk.assignTitle', { count }) : t('opportunities.bulk.tagTitle', { count })}
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
          onFinish={(values) => void run(dialog === 'assign' ? { action: 'assign', ids, toUserId: values.toUserId } : { action: 'addTag', ids, tag: values.tag })}
        >
          {dialog === 'assign' ? (
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
