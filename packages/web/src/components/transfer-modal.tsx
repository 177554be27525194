import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { memberOptions, useDirectory } from '../lib/directory';
import { useErrorText } from '../lib/errors';
import { applyServerFieldErrors, validateForm } from '../lib/forms';

/** What every transfer form holds; a record's own options (checkboxes) come on top. */
export type TransferValues = { toUserId?: string; note?: string } & Record<string, unknown>;

/**
 * Hands a record to a colleague picked from the member directory, with an optional note for the history.
 * The record's feature says what is sent (`bodyOf`, checked with `schema`) and does the call (`transfer`).
 */
export function TransferModal<S extends z.ZodType>({
  open,
  title,
  description,
  ownerId,
  schema,
  bodyOf,
  transfer,
  pending,
  initialValues,
  extra,
  onClose,
  onTransferred,
  onError,
}: {
  open: boolean;
  title: string;
  description: ReactNode;
  /** The current owner, who is not offered. */
  ownerId: string | null;
  schema: S;
  bodyOf: (values: TransferValues) => unknown;
  transfer: (body: z.infer<S>) => Promise<unknown>;
  pending: boolean;
  initialValues?: TransferValues;
  /** More form items (the record's own options), below the new owner and note. */
  extra?: ReactNode;
  onClose: () => void;
  onTransferred: (toName: string) => void;
  /** Errors the modal cannot show on a field (a version conflict, say); it closes first. */
  onError: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TransferValues>();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const directory = useDirectory(open);
  const options = useMemo(() => memberOptions(directory.data, new Set(ownerId ? [ownerId] : [])), [directory.data, ownerId]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (initialValues) form.setFieldsValue(initialValues);
    // Only when opened: a background refetch must not wipe what is picked.
  }, [open, form]);

  const submit = (values: TransferValues) => {
    setError(null);
    const parsed = validateForm(form, schema, bodyOf({ ...values, note: values.note || undefined }), t);
    if (!parsed) return;
    const toUserId = (parsed as { toUserId?: string }).toUserId;
    transfer(parsed).then(
      () => {
        onClose();
        onTransferred(options.find((o) => o.value === toUserId)?.label ?? '');
      },
      (err: unknown) => {
        if (applyServerFieldErrors(form, err, ['toUserId', 'note'])) return;
        if (onError(err)) {
          onClose();
          return;
        }
        setError(errorText(err));
      },
    );
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      okText={t('transfer.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={pending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{description}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form name="transfer" form={form} layout="vertical" requiredMark="optional" onFinish={submit}>
        <Form.Item name="toUserId" label={t('transfer.to')} required>
          <Select options={options} showSearch={{ optionFilterProp: 'label' }} placeholder={t('transfer.toPlaceholder')} loading={directory.isPending} data-testid="transfer-to" />
        </Form.Item>
        <Form.Item name="note" label={t('transfer.note')} style={extra ? { marginBottom: 12 } : undefined}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('transfer.notePlaceholder')} />
        </Form.Item>
        {extra}
      </Form>
    </Modal>
  );
}
