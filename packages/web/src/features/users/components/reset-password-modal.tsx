import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ResetPasswordSchema, type User } from '@kairos/domain/users';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { useResetPassword } from '../api';

/** An administrator sets a new password for someone who lost theirs. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ newPassword?: string }>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const reset = useResetPassword();
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setError(null);
    form.resetFields();
    onClose();
  };

  const submit = (values: { newPassword?: string }) => {
    if (!user) return;
    setError(null);
    const parsed = validateForm(form, ResetPasswordSchema, values, t);
    if (!parsed) return;
    reset.mutate(
      { id: user.id, newPassword: parsed.newPassword },
      {
        onSuccess: () => {
          void message.success(t('users.resetDone'));
          close();
        },
        onError: (err) => {
          if (!applyServerFieldErrors(form, err, ['newPassword'])) setError(errorText(err));
        },
      },
    );
  };

  return (
    <Modal
      open={!!user}
      title={user ? t('users.resetTitle', { name: user.name }) : ''}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={reset.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.resetDesc')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form name="reset-password" form={form} layout="vertical" requiredMark={false} onFinish={submit}>
        <Form.Item name="newPassword" label={t('users.newPassword')} extra={t('password.hint')}>
          <Input.Password autoComplete="new-password" autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
