import { Alert, App, Button, Form, Input, Result, Skeleton } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { AcceptInvitationSchema } from '@kairos/domain/users';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { currentLocale, useLocale } from '../../../lib/i18n/i18n';
import { ApiError } from '../../../lib/api';
import { errorMessage } from '@kairos/domain/errors';
import { AuthShell } from '../../../components/auth-shell';
import { useAcceptInvitation, useInvitationPreview } from '../api';

interface Values {
  name?: string;
  password?: string;
  confirmPassword?: string;
}

/** Public page behind an invitation link: the invitee picks a name and password and is signed in. */
export function AcceptInvitationPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { token = '' } = useParams();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const preview = useInvitationPreview(token);
  const accept = useAcceptInvitation(token);
  const [error, setError] = useState<string | null>(null);

  if (preview.isError) {
    return (
      <AuthShell title={t('invite.invalidTitle')}>
        <Result
          status="warning"
          subTitle={
            // Any refusal (unknown, malformed, expired, used) means the same to the invitee.
            preview.error instanceof ApiError && preview.error.status < 500
              ? errorMessage('invitation_invalid', locale)
              : errorText(preview.error)
          }
          extra={
            <Link to="/login">
              <Button type="primary">{t('invite.goSignIn')}</Button>
            </Link>
          }
        />
      </AuthShell>
    );
  }

  const submit = (values: Values) => {
    setError(null);
    const parsed = validateForm(form, AcceptInvitationSchema, { ...values, locale: currentLocale() }, t);
    const mismatch = values.password !== values.confirmPassword;
    if (mismatch) form.setFields([{ name: 'confirmPassword', errors: [t('password.mismatch')] }]);
    if (!parsed || mismatch) return;
    accept.mutate(parsed, {
      onSuccess: (me) => {
        void message.success(t('home.intro', { workspace: me.workspace.name }));
        void navigate('/', { replace: true });
      },
      onError: (err) => {
        if (!applyServerFieldErrors(form, err, ['name', 'password'])) setError(errorText(err));
      },
    });
  };

  return (
    <AuthShell title={t('invite.title')} subtitle={preview.data ? t('invite.subtitle', { workspace: preview.data.workspaceName }) : undefined}>
      {preview.isPending ? (
        <Skeleton active />
      ) : (
        <Form name="accept-invitation" form={form} layout="vertical" requiredMark={false} onFinish={submit} size="large">
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form.Item label={t('invite.email')} htmlFor="accept-invitation_email">
            <Input id="accept-invitation_email" value={preview.data?.email} disabled />
          </Form.Item>
          <Form.Item name="name" label={t('invite.name')}>
            <Input maxLength={60} autoComplete="name" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('invite.password')} extra={t('password.hint')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="confirmPassword" label={t('invite.confirmPassword')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={accept.isPending}>
            {t('invite.submit')}
          </Button>
        </Form>
      )}
    </AuthShell>
  );
}
