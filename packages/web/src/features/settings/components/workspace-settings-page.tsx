import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Radio, Skeleton, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_KEY_FIELD_CHOICES, CUSTOMER_KEY_FIELD_CHOICES, OPPORTUNITY_KEY_FIELD_CHOICES, type KeyFields } from '@kairos/domain/completeness';
import type { FileCategory } from '@kairos/domain/files';
import { UpdateWorkspaceSettingsSchema, type WorkspaceSettings } from '@kairos/domain/workspace';
import { ApiError } from '../../../lib/api';
import { useWorkspaceSettings } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { useIsPhone } from '../../../lib/use-is-phone';
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
  fileCategories?: FileCategory[];
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
    fileCategories: settings.fileCategories,
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
  fileCategories: 'fileCategories',
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
        fileCategories: (values.fileCategories ?? []).map((c) => ({ key: c.key?.trim() ?? '', labelZh: c.labelZh?.trim() ?? '', labelEn: c.labelEn?.trim() ?? '' })),
      },
      t,
    );
    if (!parsed) return;
    // Parsing fills in defaults for what this form does not hold (the field rules): send only its own settings.
    const { fieldRules: _notOnThisForm, ...change } = parsed;
    update.mutate(change, {
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
            <Card variant="borderless" title={t('settings.fileCategories')}>
              <Typography.Paragraph type="secondary">{t('settings.fileCategoriesDesc')}</Typography.Paragraph>
              <FileCategoriesEditor />
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

const CATEGORY_KEY = /^[a-z][a-z0-9_]{0,29}$/;

/** The file categories: key and both names per row; add and remove, keeping at least one. */
function FileCategoriesEditor() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  return (
    <Form.List
      name="fileCategories"
      rules={[
        {
          validator: async (_, list?: Partial<FileCategory>[]) => {
            if (!list?.length) throw new Error(t('validation.required'));
            const keys = list.map((c) => c?.key?.trim()).filter(Boolean);
            if (new Set(keys).size !== keys.length) throw new Error(t('settings.categoryKeyDuplicate'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Flex vertical gap={isPhone ? 12 : 0} data-testid="settings-file-categories">
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="flex-start" wrap={isPhone} data-testid="settings-file-category" style={isPhone ? { paddingBottom: 12, borderBottom: '1px solid #f0f0f0' } : undefined}>
              <Form.Item
                name={[field.name, 'key']}
                rules={[{ required: true, message: t('validation.required') }, { pattern: CATEGORY_KEY, message: t('settings.categoryKeyInvalid') }]}
                style={{ flex: isPhone ? '1 1 100%' : '0 0 150px', marginBottom: isPhone ? 0 : 12 }}
              >
                <Input placeholder={t('settings.categoryKey')} aria-label={t('settings.categoryKey')} className="kairos-mono" maxLength={30} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'labelZh']}
                rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                style={{ flex: isPhone ? '1 1 calc(50% - 24px)' : '1 1 0', minWidth: 0, marginBottom: isPhone ? 0 : 12 }}
              >
                <Input placeholder={t('settings.categoryZh')} aria-label={t('settings.categoryZh')} maxLength={30} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'labelEn']}
                rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                style={{ flex: isPhone ? '1 1 calc(50% - 24px)' : '1 1 0', minWidth: 0, marginBottom: isPhone ? 0 : 12 }}
              >
                <Input placeholder={t('settings.categoryEn')} aria-label={t('settings.categoryEn')} maxLength={30} />
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                onClick={() => remove(field.name)}
                disabled={fields.length <= 1}
                aria-label={t('settings.categoryRemove')}
                title={t('settings.categoryRemove')}
                data-testid="settings-file-category-remove"
              />
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          <div>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', labelZh: '', labelEn: '' })} data-testid="settings-file-category-add">
              {t('settings.categoryAdd')}
            </Button>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12, marginTop: 8 }}>
            {t('settings.categoryKeyHint')}
          </Typography.Text>
        </Flex>
      )}
    </Form.List>
  );
}
