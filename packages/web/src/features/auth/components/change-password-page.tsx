import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordSchema } from '@kairos/domain/auth';
import { ApiError } from '../../../lib/api';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { PageHeader } from '../../../components/page-header';
import { useChangePassword } from '../api';

interface Values {
  currentPassword?: string;
  newPassword?: string;
  confirmPassword?: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const change = useChangePassword();
  const [error, setError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setError(null);
    const parsed = validateForm(form, ChangePasswordSchema, values, t);
    const mismatch = values.newPassword !== values.confirmPassword;
    if (mismatch) form.setFields([{ name: 'confirmPassword', errors: [t('password.mismatch')] }]);
    if (!parsed || mismatch) return;
    change.mutate(parsed, {
      onSuccess: () => {
        form.resetFields();
        void message.success(t('password.changed'));
      },
      onError: (err) => {
        if (err instanceof ApiError && err.is('wrong_password')) {
          form.setFields([{ name: 'currentPassword', errors: [errorText(err)] }]);
          return;
        }
        if (!applyServerFieldErrors(form, err, ['currentPassword', 'newPassword'])) setError(errorText(err));
      },
    });
  };

  return (
    <>
      <PageHeader title={t('password.title')} subtitle={t('password.subtitle')} />
      <Card variant="borderless" style={{ maxWidth: 560 }}>
        <Form name="change-password" form={form} layout="vertical" requiredMark={false} onFinish={submit}>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form.Item name="currentPassword" label={t('password.current')}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item name="newPassword" label={t('password.new')} extra={t('password.hint')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="confirmPassword" label={t('password.confirm')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={change.isPending}>
            {t('password.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
