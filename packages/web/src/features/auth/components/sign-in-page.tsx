import { Alert, Button, Form, Input, Typography } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { LoginRequestSchema } from '@kairos/domain/auth';
import { useErrorText } from '../../../lib/errors';
import { validateForm } from '../../../lib/forms';
import { AuthShell } from '../../../components/auth-shell';
import { useSignIn } from '../api';

interface Values {
  email?: string;
  password?: string;
}

/** Where to go after signing in: only same-site paths, so the link cannot send people elsewhere. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export function SignInPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const errorText = useErrorText();
  const signIn = useSignIn();
  const [error, setError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setError(null);
    const parsed = validateForm(form, LoginRequestSchema, values, t);
    if (!parsed) return;
    signIn.mutate(parsed, {
      onSuccess: () => void navigate(safeNext(params.get('next')), { replace: true }),
      onError: (err) => {
        setError(errorText(err));
        form.setFieldValue('password', '');
      },
    });
  };

  return (
    <AuthShell title={t('auth.signInTitle')} subtitle={t('auth.signInSubtitle')}>
      <Form name="sign-in" form={form} layout="vertical" requiredMark={false} onFinish={submit} size="large">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 20 }} data-testid="sign-in-error" />}
        <Form.Item name="email" label={t('auth.email')}>
          <Input prefix={<MailOutlined />} type="email" placeholder={t('auth.emailPlaceholder')} autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')}>
          <Input.Password prefix={<LockOutlined />} placeholder={t('auth.passwordPlaceholder')} autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={signIn.isPending} style={{ marginTop: 4 }}>
          {t('auth.signIn')}
        </Button>
        <Typography.Paragraph type="secondary" style={{ marginTop: 20, marginBottom: 0, textAlign: 'center', fontSize: 13 }}>
          {t('auth.forgotHint')}
        </Typography.Paragraph>
      </Form>
    </AuthShell>
  );
}
