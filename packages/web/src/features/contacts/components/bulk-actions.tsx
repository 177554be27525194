import { Alert, App, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { DeleteOutlined, TagOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BulkResult } from '@kairos/domain/common';
import { BulkContactActionSchema } from '@kairos/domain/contacts';
import { memberOptions, useDirectory, useWorkspaceSettings } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { useBulkPermissions } from '../../opportunities/components/bulk-actions';
import { useBulkContacts } from '../api';

type Dialog = 'assign' | 'addTag' | null;

/** Why a contact was left alone, as the server's per-id codes say (anything else counts as "other"). */
const REASONS = ['forbidden', 'not_found', 'version_conflict'] as const;
type Reason = (typeof REASONS)[number] | 'other';

/** Refused ids counted by reason, most common first. */
export function refusalsOf(result: BulkResult): { reason: Reason; count: number }[] {
  const counts = new Map<Reason, number>();
  for (const r of result.results) {
    if (r.ok) continue;
    const reason = REASONS.find((known) => known === r.code) ?? 'other';
    counts.set(reason, (counts.get(reason) ?? 0) + 1);
  }
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
}

/**
 * The bar over the contacts list when contacts are selected: assign them to a colleague, add a tag, or
 * delete them (after a confirmation). Each contact is checked on its own; the result says how many went
 * through and why the others did not. Assigning is refused as a whole when the new owner could not see a
 * contact's customer: that is shown on the member picker.
 */
export function BulkActions({ ids, onDone }: { ids: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const allowed = useBulkPermissions();
  const bulk = useBulkContacts();
  const settings = useWorkspaceSettings();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ toUserId?: string; tag?: string }>();
  const directory = useDirectory(dialog === 'assign');
  const options = useMemo(() => memberOptions(directory.data), [directory.data]);
  const count = ids.length;

  const report = (result: BulkResult) => {
    const ok = result.results.filter((r) => r.ok).length;
    const refused = refusalsOf(result);
    if (refused.length) {
      const reasons = refused.map((r) => t('contactsExtra.bulk.reasonCount', { reason: t(`contactsExtra.bulk.reason.${r.reason}`), count: r.count })).join(t('contactsExtra.bulk.separator'));
      void message.warning(t('contactsExtra.bulk.partial', { ok, failed: result.results.length - ok, reasons }));
    } else void message.success(t('contactsExtra.bulk.done', { count: ok }));
    onDone();
  };

  const run = (body: unknown) => {
    setError(null);
    const parsed = validateForm(form, BulkContactActionSchema, body, t);
    if (!parsed) return;
    bulk.mutateAsync(parsed).then(
      (result) => {
        setDialog(null);
        report(result);
      },
      (err: unknown) => {
        // 422 owner_cannot_see (or an unknown member) names the picker; anything else shows above the form.
        if (applyServerFieldErrors(form, err, ['toUserId', 'tag'])) return;
        setError(errorText(err));
      },
    );
  };

  const confirmDelete = () =>
    modal.confirm({
      title: t('contactsExtra.bulk.deleteTitle', { count }),
      content: t('contactsExtra.bulk.deleteDesc', { days: settings.data?.recycleDays ?? 30 }),
      okText: t('common.delete'),
      okButtonProps: { danger: true, 'data-testid': 'bulk-delete-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => bulk.mutateAsync({ action: 'delete', ids }).then(report, (err: unknown) => void message.error(errorText(err))),
    });

  const open = (which: Exclude<Dialog, null>) => {
    form.resetFields();
    setError(null);
    setDialog(which);
  };

  return (
    <Flex align="center" gap={8} wrap className="kairos-bulk-bar" data-testid="bulk-bar">
      <Typography.Text strong>{t('opportunities.bulk.selected', { count })}</Typography.Text>
      {allowed.assign && (
        <Button size="small" icon={<UserSwitchOutlined />} onClick={() => open('assign')} data-testid="bulk-assign">
          {t('contactsExtra.bulk.assign')}
        </Button>
      )}
      {allowed.addTag && (
        <Button size="small" icon={<TagOutlined />} onClick={() => open('addTag')} data-testid="bulk-tag">
          {t('contactsExtra.bulk.addTag')}
        </Button>
      )}
      {allowed.delete && (
        <Button size="small" danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="bulk-delete">
          {t('contactsExtra.bulk.delete')}
        </Button>
      )}
      <Button size="small" type="link" onClick={onDone} data-testid="bulk-clear">
        {t('opportunities.bulk.clear')}
      </Button>
      <Modal
        open={dialog !== null}
        title={dialog === 'assign' ? t('contactsExtra.bulk.assignTitle', { count }) : t('contactsExtra.bulk.tagTitle', { count })}
        onCancel={() => setDialog(null)}
        onOk={() => form.submit()}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        confirmLoading={bulk.isPending}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form
          form={form}
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => run(dialog === 'assign' ? { action: 'assign', ids, toUserId: values.toUserId } : { action: 'addTag', ids, tag: values.tag })}
        >
          {dialog === 'assign' ? (
            <Form.Item name="toUserId" label={t('transfer.to')} extra={t('contactsExtra.bulk.assignHint')}>
              <Select options={options} showSearch={{ optionFilterProp: 'label' }} placeholder={t('transfer.toPlaceholder')} loading={directory.isPending} data-testid="bulk-assign-to" />
            </Form.Item>
          ) : (
            <Form.Item name="tag" label={t('contacts.field.tags')}>
              <Input maxLength={20} autoComplete="off" placeholder={t('contactsExtra.bulk.tagPlaceholder')} data-testid="bulk-tag-input" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Flex>
  );
}
