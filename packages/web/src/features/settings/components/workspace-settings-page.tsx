import { Alert, App, Button, Card, Checkbox, Flex, Form, InputNumber, Radio, Skeleton, Switch, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_KEY_FIELD_CHOICES, CUSTOMER_KEY_FIELD_CHOICES, OPPORTUNITY_KEY_FIELD_CHOICES, type KeyFields } from '@kairos/domain/completeness';
import { UpdateWorkspaceSettingsSchema, type WorkspaceSettings } from '@kairos/domain/workspace';
import { ApiError } from '../../../lib/api';
import { useWorkspaceSettings } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useUpdateWorkspaceSettings } from '../api';

interface Values {
  duplicatePolicy?: WorkspaceSettings['duplicatePolicy'];
  recycleDays?: number | null;
  minContentLength?: number | null;
  requireNextStep?: boolean;
  customerKeyFields?: KeyFields['customer'];
  contactKeyFields?: KeyFields['contact'];
  opportunityKeyFields?: KeyFields['opportunity'];
}

/** The form is flat (one name per field); the settings nest the follow-up rules and key fields. */
function valuesOf(settings: WorkspaceSettings): Values {
  return {
    duplicatePolicy: settings.duplicatePolicy,
    recycleDays: settings.recycleDays,
    minContentLength: settings.followUps.minContentLength,
    requireNextStep: settings.followUps.requireNextStep,
    customerKeyFields: settings.keyFields.customer,
    contactKeyFields: settings.keyFields.contact,
    opportunityKeyFields: settings.keyFields.opportunity,
  };
}

/** Server field paths (`followUps.minContentLength`) → the flat form's names. */
const SERVER_FIELDS: Record<string, keyof Values> = {
  duplicatePolicy: 'duplicatePolicy',
  recycleDays: 'recycleDays',
  'followUps.minContentLength': 'minContentLength',
  'followUps.requireNextStep': 'requireNextStep',
  'keyFields.customer': 'customerKeyFields',
  'keyFields.contact': 'contactKeyFields',
  'keyFields.opportunity': 'opportunityKeyFields',
};

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

/** A 422 whose field paths are nested (`followUps.minContentLength`), renamed to the flat form's fields. */
function remapFields(err: unknown): unknown {
  if (!(err instanceof ApiError) || !err.problem.fields?.length) return err;
  const fields = err.problem.fields.map((f) => {
    const match = Object.keys(SERVER_FIELDS).find((path) => f.path === path || f.path.startsWith(`${path}.`));
    return match ? { ...f, path: SERVER_FIELDS[match] as string } : f;
  });
  return new ApiError(err.status, { ...err.problem, fields }, err.body);
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
    if (settings.data) form.setFieldsValue(valuesOf(settings.data));
  }, [settings.data, form]);

  const submit = (values: Values) => {
    setError(null);
    const parsed = validateForm(
      form,
      UpdateWorkspaceSettingsSchema,
      {
        duplicatePolicy: values.duplicatePolicy,
        recycleDays: values.recycleDays ?? undefined,
        followUps: { minContentLength: values.minContentLength ?? 0, requireNextStep: values.requireNextStep ?? false },
        keyFields: { customer: values.customerKeyFields ?? [], contact: values.contactKeyFields ?? [], opportunity: values.opportunityKeyFields ?? [] },
      },
      t,
    );
    if (!parsed) return;
    update.mutate(parsed, {
      onSuccess: () => void message.success(t('settings.saved')),
      onError: (err) => {
        if (!applyServerFieldErrors(form, remapFields(err), Object.values(SERVER_FIELDS))) setError(errorText(err));
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
            <Card variant="borderless" title={t('settings.followUps')}>
              <Typography.Paragraph type="secondary">{t('settings.followUpsDesc')}</Typography.Paragraph>
              <Form.Item name="minContentLength" label={t('settings.minContentLength')} extra={t('settings.minContentLengthHint')}>
                <InputNumber min={0} max={500} precision={0} style={{ width: 160 }} suffix={t('settings.charsUnit')} data-testid="settings-min-content" />
              </Form.Item>
              <Flex gap={12} align="flex-start">
                <Form.Item name="requireNextStep" valuePropName="checked" noStyle>
                  <Switch aria-label={t('settings.requireNextStep')} data-testid="settings-require-next-step" />
                </Form.Item>
                <span>
                  <Typography.Text>{t('settings.requireNextStep')}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                    {t('settings.requireNextStepHint')}
                  </Typography.Text>
                </span>
              </Flex>
            </Card>
            <Card variant="borderless" title={t('settings.keyFields')}>
              <Typography.Paragraph type="secondary">{t('settings.keyFieldsDesc')}</Typography.Paragraph>
              <Form.Item name="customerKeyFields" label={t('settings.customerKeyFields')}>
                <Checkbox.Group
                  data-testid="settings-customer-key-fields"
                  options={CUSTOMER_KEY_FIELD_CHOICES.map((field) => ({ value: field, label: t(`customers.field.${field}`) }))}
                />
              </Form.Item>
              <Form.Item name="contactKeyFields" label={t('settings.contactKeyFields')}>
                <Checkbox.Group
                  data-testid="settings-contact-key-fields"
                  options={CONTACT_KEY_FIELD_CHOICES.map((field) => ({ value: field, label: t(`contacts.field.${field}`) }))}
                />
              </Form.Item>
              <Form.Item name="opportunityKeyFields" label={t('settings.opportunityKeyFields')} style={{ marginBottom: 0 }}>
                <Checkbox.Group
                  data-testid="settings-opportunity-key-fields"
                  options={OPPORTUNITY_KEY_FIELD_CHOICES.map((field) => ({ value: field, label: t(`opportunities.field.${field}`) }))}
                />
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
