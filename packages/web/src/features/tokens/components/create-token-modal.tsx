import { Alert, App, Button, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateApiTokenSchema } from '@kairos/domain/auth';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { CopyField } from '../../../components/copy-field';
import { useCreateToken } from '../api';

interface Values {
  name?: string;
  expiresInDays?: number | null;
}

/** Two steps in one dialog: name the token, then show its secret exactly once. */
export function CreateTokenModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const create = useCreateToken();
  const [secret, setSecret] = useState<string | null>(null);

  const close = () => {
    setSecret(null);
    form.resetFields();
    create.reset();
    onClose();
  };

  const submit = (values: Values) => {
    const parsed = validateForm(form, CreateApiTokenSchema, { name: values.name, expiresInDays: values.expiresInDays ?? undefined }, t);
    if (!parsed) return;
    create.mutate(parsed, {
      onSuccess: (created) => setSecret(created.token),
      onError: (err) => {
        if (!applyServerFieldErrors(form, err, ['name', 'expiresInDays'])) void message.error(errorText(err));
      },
    });
  };

  return (
    <Modal
      open={open}
      title={secret ? t('tokens.secretTitle') : t('tokens.createTitle')}
      onCancel={secret ? undefined : close}
      closable={!secret}
      mask={{ closable: !secret }}
      destroyOnHidden
      footer={
        secret ? (
          <Button type="primary" onClick={close}>
            {t('common.done')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
              {t('common.create')}
            </Button>
          </>
        )
      }
    >
      {secret ? (
        <div data-testid="token-secret">
          <Alert type="warning" showIcon title={t('tokens.secretWarning')} style={{ marginBottom: 16 }} />
          <CopyField value={secret} copyLabel={t('tokens.copySecret')} copiedMessage={t('tokens.copiedSecret')} testId="token-secret-value" />
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
            {t('tokens.usage')}
          </Typography.Paragraph>
        </div>
      ) : (
        <Form name="new-token" form={form} layout="vertical" requiredMark={false} onFinish={submit} initialValues={{ expiresInDays: 90 }} style={{ marginTop: 8 }}>
          <Form.Item name="name" label={t('tokens.name')}>
            <Input placeholder={t('tokens.namePlaceholder')} maxLength={60} autoFocus />
          </Form.Item>
          <Form.Item name="expiresInDays" label={t('tokens.expiresInDays')} extra={t('tokens.expiresHint')}>
            <InputNumber min={1} max={730} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
