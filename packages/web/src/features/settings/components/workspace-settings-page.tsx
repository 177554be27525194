import { Alert, App, Button, Card, Flex, Form, InputNumber, Radio, Skeleton, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateWorkspaceSettingsSchema, type WorkspaceSettings } from '@kairos/domain/workspace';
import { useWorkspaceSettings } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useUpdateWorkspaceSettings } from '../api';

interface Values {
  duplicatePolicy?: WorkspaceSettings['duplicatePolicy'];
  recycleDays?: number | null;
}

function PolicyOption({ title, description }: { title: string; description: string }) {
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 2, paddingBlock: 2 }}>
      <Typography.Text strong>{title}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {description}
      </Typography.Text>
    </span>
  );
}

/** Admin: workspace-wide rules — what a duplicate customer means, and how long the recycle bin keeps things. */
export function WorkspaceSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const settings = useWorkspaceSettings();
  const update = useUpdateWorkspaceSettings();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data);
  }, [settings.data, form]);

  const submit = (values: Values) => {
    setError(null);
    const parsed = validateForm(form, UpdateWorkspaceSettingsSchema, { duplicatePolicy: values.duplicatePolicy, recycleDays: values.recycleDays ?? undefined }, t);
    if (!parsed) return;
    update.mutate(parsed, {
      onSuccess: () => void message.success(t('settings.saved')),
      onError: (err) => {
        if (!applyServerFieldErrors(form, err, ['duplicatePolicy', 'recycleDays'])) setError(errorText(err));
      },
    });
  };

  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      {settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : settings.isPending ? (
        <Card variant="borderless">
          <Skeleton active />
        </Card>
      ) : (
        <Form name="workspace-settings" form={form} layout="vertical" onFinish={submit} disabled={update.isPending} style={{ maxWidth: 760 }}>
          <Flex vertical gap={16}>
            {error && <Alert type="error" showIcon title={error} />}
            <Card variant="borderless" title={t('settings.duplicates')}>
              <Typography.Paragraph type="secondary">{t('settings.duplicatesDesc')}</Typography.Paragraph>
              <Form.Item name="duplicatePolicy" style={{ marginBottom: 0 }}>
                <Radio.Group vertical aria-label={t('settings.duplicates')} data-testid="duplicate-policy">
                  <Radio value="warn">
                    <PolicyOption title={t('settings.policyWarn')} description={t('settings.policyWarnDesc')} />
                  </Radio>
                  <Radio value="block" style={{ marginTop: 8 }}>
                    <PolicyOption title={t('settings.policyBlock')} description={t('settings.policyBlockDesc')} />
                  </Radio>
                </Radio.Group>
              </Form.Item>
            </Card>
            <Card variant="borderless" title={t('settings.recycle')}>
              <Form.Item name="recycleDays" label={t('settings.recycleDays')} extra={t('settings.recycleDaysHint')} style={{ marginBottom: 0 }}>
                <InputNumber min={1} max={365} precision={0} style={{ width: 160 }} suffix={t('settings.daysUnit')} />
              </Form.Item>
            </Card>
            <Flex justify="flex-end">
              <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="settings-save">
                {t('common.saveChanges')}
              </Button>
            </Flex>
          </Flex>
        </Form>
      )}
    </>
  );
}
