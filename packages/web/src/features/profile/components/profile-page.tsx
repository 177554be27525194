import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateProfileSchema } from '@kairos/domain/auth';
import { LOCALES, type Locale } from '@kairos/domain/locale';
import { useSession } from '../../../lib/auth';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { changeLocale, i18n, useLocale } from '../../../lib/i18n/i18n';
import { roleColor, roleKeyName } from '../../../lib/roles';
import { PageHeader } from '../../../components/page-header';
import { useUpdateProfile } from '../api';

interface Values {
  name?: string;
  locale?: Locale;
}

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const update = useUpdateProfile();
  const [error, setError] = useState<string | null>(null);

  const submit = (values: Values) => {
    setError(null);
    const parsed = validateForm(form, UpdateProfileSchema, values, t);
    if (!parsed) return;
    update.mutate(parsed, {
      onSuccess: (saved) => {
        if (saved.user.locale !== locale) changeLocale(saved.user.locale);
        // `t` still speaks the language this render started in; the toast should use the new one.
        void message.success(i18n.t('profile.saved'));
      },
      onError: (err) => {
        if (!applyServerFieldErrors(form, err, ['name', 'locale'])) setError(errorText(err));
      },
    });
  };

  return (
    <>
      <PageHeader title={t('profile.title')} subtitle={t('profile.subtitle')} />
      <Space orientation="vertical" size={16} style={{ width: '100%', maxWidth: 640 }}>
        <Card variant="borderless">
          <Form
            name="profile"
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            initialValues={{ name: me.user.name, locale: me.user.locale }}
          >
            {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
            <Form.Item name="name" label={t('profile.name')}>
              <Input maxLength={60} autoComplete="name" />
            </Form.Item>
            <Form.Item label={t('profile.email')} extra={t('profile.emailHint')} htmlFor="profile_email">
              <Input id="profile_email" value={me.user.email} disabled />
            </Form.Item>
            <Form.Item name="locale" label={t('profile.locale')}>
              <Select options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              {t('common.saveChanges')}
            </Button>
          </Form>
        </Card>
        <Card variant="borderless" title={t('profile.account')}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 'email', label: t('profile.email'), children: me.user.email },
              {
                key: 'roles',
                label: t('profile.roles'),
                children: (
                  <span>
                    {me.user.roleKeys.map((key) => (
                      <Tag key={key} color={roleColor(key)}>
                        {roleKeyName(key, locale)}
                      </Tag>
                    ))}
                  </span>
                ),
              },
              { key: 'workspace', label: t('setup.workspaceSection'), children: me.workspace.name },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
