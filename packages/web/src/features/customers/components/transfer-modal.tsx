import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TransferCustomerSchema, type Customer } from '@kairos/domain/customers';
import { memberOptions, useDirectory } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { useTransferCustomer } from '../api';

interface Values {
  toUserId?: string;
  note?: string;
}

/** Hands a customer to a colleague picked from the member directory, with an optional note for the history. */
export function TransferModal({
  customer,
  open,
  onClose,
  onTransferred,
  onError,
}: {
  customer: Customer;
  open: boolean;
  onClose: () => void;
  onTransferred: (toName: string) => void;
  /** Errors the modal cannot show on a field (a version conflict, say); it closes first. */
  onError: (error: unknown) => boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const directory = useDirectory(open);
  const transfer = useTransferCustomer();
  const options = useMemo(() => memberOptions(directory.data, new Set(customer.ownerId ? [customer.ownerId] : [])), [directory.data, customer.ownerId]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
  }, [open, form]);

  const submit = (values: Values) => {
    setError(null);
    const parsed = validateForm(form, TransferCustomerSchema, { version: customer.version, toUserId: values.toUserId, note: values.note || undefined }, t);
    if (!parsed) return;
    transfer.mutate(
      { id: customer.id, body: parsed },
      {
        onSuccess: () => {
          onClose();
          onTransferred(options.find((o) => o.value === parsed.toUserId)?.label ?? '');
        },
        onError: (err) => {
          if (applyServerFieldErrors(form, err, ['toUserId', 'note'])) return;
          if (onError(err)) {
            onClose();
            return;
          }
          setError(errorText(err));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('customers.transfer.title')}
      onCancel={onClose}
      okText={t('customers.transfer.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={transfer.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('customers.transfer.desc', { name: customer.name })}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form name="transfer" form={form} layout="vertical" requiredMark="optional" onFinish={submit}>
        <Form.Item name="toUserId" label={t('customers.transfer.to')} required>
          <Select
            options={options}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('customers.transfer.toPlaceholder')}
            loading={directory.isPending}
            data-testid="transfer-to"
          />
        </Form.Item>
        <Form.Item name="note" label={t('customers.transfer.note')}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('customers.transfer.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
