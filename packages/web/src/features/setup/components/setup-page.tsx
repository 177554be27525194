import { Alert, App, Button, Divider, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SetupRequestSchema } from '@kairos/domain/workspace';
import { ApiError } from '../../../lib/api';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { currentLocale } from '../../../lib/i18n/i18n';
import { AuthShell } from '../../../components/auth-shell';
import { useRunSetup } from '../api';

interface Values {
  workspaceName?: string;
  adminName?: string;
  email?: string;
  password?: string;
  confirmPassword?: string;
}

const FIELDS = ['workspaceName', 'adminName', 'email', 'password'];

/** First run: name the workspace and create the first administrator. */
export function SetupPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const runSetup = useRunSetup();
  const [error, setError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setError(null);
    const parsed = validateForm(form, SetupRequestSchema, { ...values, locale: currentLocale() }, t);
    const mismatch = values.password !== values.confirmPassword;
    if (mismatch) form.setFields([{ name: 'confirmPassword', errors: [t('password.mismatch')] }]);
    if (!parsed || mismatch) return;
    runSetup.mutate(parsed, {
      onSuccess: () => {
        void message.success(t('setup.done'));
        void navigate('/', { replace: true });
      },
      onError: (err) => {
        if (err instanceof ApiError && err.is('setup_already_done')) {
          void navigate('/login', { replace: true });
          return;
        }
        if (!applyServerFieldErrors(form, err, FIELDS)) setError(errorText(err));
      },
    });
  };

  return (
    <AuthShell title={t('setup.title')} subtitle={t('setup.subtitle')}>
      <Form name="setup" form={form} layout="vertical" requiredMark={false} onFinish={submit} size="large" disabled={runSetup.isPending}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
          {t('setup.workspaceSection')}
        </Divider>
        <Form.Item name="workspaceName" label={t('setup.workspaceName')}>
          <Input placeholder={t('setup.workspaceNamePlaceholder')} maxLength={100} autoFocus />
        </Form.Item>
        <Divider titlePlacement="start" plain>
          {t('setup.adminSection')}
        </Divider>
        <Form.Item name="adminName" label={t('setup.adminName')}>
          <Input placeholder={t('setup.adminNamePlaceholder')} maxLength={60} autoComplete="name" />
        </Form.Item>
        <Form.Item name="email" label={t('setup.email')}>
          <Input type="email" placeholder={t('auth.emailPlaceholder')} autoComplete="email" />
        </Form.Item>
        <Form.Item name="password" label={t('setup.password')} extra={t('password.hint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="confirmPassword" label={t('setup.confirmPassword')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={runSetup.isPending}>
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthShell>
  );
}
