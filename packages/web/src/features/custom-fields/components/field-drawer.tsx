import { Alert, App, Button, Col, Flex, Form, Input, Row, Select, Switch, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CreateCustomFieldSchema,
  CUSTOM_FIELD_TYPES,
  CustomFieldSchema,
  UpdateCustomFieldSchema,
  type CustomField,
  type CustomFieldEntity,
  type CustomFieldType,
} from '@kairos/domain/custom-fields';
import { ApiError } from '../../../lib/api';
import { useErrorText } from '../../../lib/errors';
import { clearChangedErrors, issueMessage } from '../../../lib/forms';
import { FormDrawer } from '../../../components/form-drawer';
import { useCreateField, useUpdateField } from '../api';
import { hasOptions, nextPosition, optionsBody, suggestKey } from '../model';

interface OptionValues {
  /** Set for options that exist: their stored value never changes. */
  value?: string;
  labelZh?: string;
  labelEn?: string;
}

interface Values {
  labelZh?: string;
  labelEn?: string;
  key?: string;
  type?: CustomFieldType;
  required?: boolean;
  options?: OptionValues[];
}

const FIELDS = ['labelZh', 'labelEn', 'key', 'type', 'required'];

function valuesOf(field: CustomField): Values {
  return {
    labelZh: field.labelZh,
    labelEn: field.labelEn,
    key: field.key,
    type: field.type,
    required: field.required,
    options: field.options.map((o) => ({ value: o.value, labelZh: o.labelZh, labelEn: o.labelEn })),
  };
}

type Issue = Parameters<typeof issueMessage>[0];

/**
 * Add a custom field to a record type, or change one (`field` given). Key and type are fixed once the
 * field exists (stored values depend on them); labels, options and "required" may change. English
 * labels may be left empty: they take the Chinese ones.
 */
export function FieldDrawer({
  open,
  entity,
  entityLabel,
  field,
  siblings,
  onClose,
}: {
  open: boolean;
  entity: CustomFieldEntity;
  entityLabel: string;
  field: CustomField | null;
  /** The record type's other fields (a new one goes after them). */
  siblings: readonly CustomField[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<CustomField | null>(field);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [optionsError, setOptionsError] = useState<string | null>(null);
  // The key follows the English label until the admin types one of their own.
  const [keyTouched, setKeyTouched] = useState(false);
  const create = useCreateField();
  const update = useUpdateField();

  useEffect(() => {
    if (!open) return;
    setEditing(field);
    setConflict(false);
    setError(null);
    setOptionsError(null);
    setKeyTouched(false);
    form.resetFields();
    form.setFieldsValue(field ? valuesOf(field) : { type: 'text', required: false, options: [] });
    // Only when opened or pointed at another field: a background refetch must not wipe what is typed.
  }, [open, field?.id]);

  const type = Form.useWatch('type', form);
  const choice = hasOptions(editing?.type ?? type);

  /** Marks each issue on its item (an option's label on its row); problems with the list as a whole go under it. */
  const markIssues = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) => {
    const entries: { name: (string | number)[]; errors: string[] }[] = [];
    let listProblem: string | null = null;
    for (const { path, message: text } of issues) {
      const [first, index, part] = path;
      if (first === 'options') {
        if (typeof index === 'number' && typeof part === 'string') entries.push({ name: ['options', index, part], errors: [text] });
        else listProblem = text;
      } else entries.push({ name: [String(first ?? '')], errors: [text] });
    }
    form.setFields(entries as never);
    setOptionsError(listProblem);
  };

  const zodIssues = (issues: readonly Issue[]) =>
    markIssues(
      issues.map((issue) => {
        const reason = (issue as { params?: { reason?: string } }).params?.reason;
        const text = reason === 'options_required' ? t('customFields.optionsRequired') : reason === 'options_unique' ? t('customFields.optionsUnique') : issueMessage(issue, t);
        return { path: issue.path, message: text };
      }),
    );

  const onError = (err: unknown) => {
    if (err instanceof ApiError && err.is('version_conflict')) {
      const current = CustomFieldSchema.safeParse((err.body as { current?: unknown } | null)?.current);
      if (current.success) {
        setEditing(current.data);
        form.setFieldsValue(valuesOf(current.data));
      }
      setConflict(true);
      return;
    }
    if (err instanceof ApiError && err.problem.fields?.length) {
      const known = err.problem.fields.filter((f) => FIELDS.includes(f.path.split('.')[0] ?? '') || f.path.startsWith('options'));
      if (known.length) {
        markIssues(known.map((f) => ({ path: f.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: f.message })));
        return;
      }
    }
    setError(errorText(err));
  };

  const submit = (values: Values) => {
    setError(null);
    setOptionsError(null);
    const labelZh = values.labelZh ?? '';
    const labelEn = values.labelEn?.trim() ? values.labelEn : labelZh;
    const options = hasOptions(editing?.type ?? values.type) ? optionsBody(values.options ?? []) : [];
    if (editing) {
      const parsed = UpdateCustomFieldSchema.safeParse({ version: editing.version, labelZh, labelEn, required: !!values.required, ...(hasOptions(editing.type) ? { options } : {}) });
      if (!parsed.success) return zodIssues(parsed.error.issues);
      if (hasOptions(editing.type) && options.length === 0) return setOptionsError(t('customFields.optionsRequired'));
      update.mutate(
        { id: editing.id, body: parsed.data },
        {
          onSuccess: () => {
            void message.success(t('customFields.saved'));
            onClose();
          },
          onError,
        },
      );
      return;
    }
    const parsed = CreateCustomFieldSchema.safeParse({
      entity,
      key: values.key ?? '',
      labelZh,
      labelEn,
      type: values.type,
      required: !!values.required,
      options,
      position: nextPosition(siblings),
    });
    if (!parsed.success) return zodIssues(parsed.error.issues);
    create.mutate(parsed.data, {
      onSuccess: () => {
        void message.success(t('customFields.created'));
        onClose();
      },
      onError,
    });
  };

  const pending = create.isPending || update.isPending;
  const wide = { xs: 24, sm: 12 };

  return (
    <FormDrawer
      open={open}
      onClose={onClose}
      title={editing ? t('customFields.editTitle') : t('customFields.createTitle', { entity: entityLabel })}
      width={600}
      pending={pending}
      submitLabel={editing ? t('common.save') : t('common.create')}
      onSubmit={() => form.submit()}
      submitTestId="field-drawer-submit"
      conflict={conflict}
      error={error}
    >
      <Form
        name="custom-field"
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={pending}
        onValuesChange={(changed: Partial<Values>) => {
          clearChangedErrors(form, changed);
          if ('options' in changed) setOptionsError(null);
          if ('labelEn' in changed && !editing && !keyTouched) form.setFieldValue('key', suggestKey(changed.labelEn));
          if ('key' in changed) setKeyTouched(true);
        }}
        data-testid="field-form"
      >
        <Row gutter={12}>
          <Col {...wide}>
            <Form.Item name="labelZh" label={t('customFields.labelZh')} required>
              <Input maxLength={40} autoComplete="off" placeholder={t('customFields.labelZhPlaceholder')} />
            </Form.Item>
          </Col>
          <Col {...wide}>
            <Form.Item name="labelEn" label={t('customFields.labelEn')} extra={t('customFields.labelEnHint')}>
              <Input maxLength={40} autoComplete="off" placeholder={t('customFields.labelEnPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col {...wide}>
            <Form.Item name="type" label={t('customFields.type')} required extra={editing ? t('customFields.fixedHint') : undefined}>
              <Select
                disabled={!!editing || pending}
                options={CUSTOM_FIELD_TYPES.map((v) => ({ value: v, label: t(`customFields.types.${v}`) }))}
                popupMatchSelectWidth={false}
                data-testid="field-type"
              />
            </Form.Item>
          </Col>
          <Col {...wide}>
            <Form.Item name="key" label={t('customFields.key')} required extra={editing ? t('customFields.fixedHint') : t('customFields.keyHint')}>
              <Input disabled={!!editing || pending} maxLength={40} autoComplete="off" spellCheck={false} placeholder="tender_no" className="kairos-mono" />
            </Form.Item>
          </Col>
        </Row>

        {choice && (
          <>
            <div className="kairos-form-section">{t('customFields.options')}</div>
            <Form.List name="options">
              {(rows, { add, remove, move }) => (
                <Flex vertical gap={8} data-testid="field-options">
                  {rows.length === 0 && (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t('customFields.optionsEmpty')}
                    </Typography.Text>
                  )}
                  {rows.map((row, index) => {
                    const existing = !!editing?.options.some((o) => o.value === form.getFieldValue(['options', row.name, 'value']));
                    return (
                      <Flex key={row.key} gap={6} align="flex-start" className="kairos-option-row" data-testid="field-option">
                        <Typography.Text type="secondary" style={{ width: 18, lineHeight: '32px', flex: 'none', textAlign: 'right' }}>
                          {index + 1}
                        </Typography.Text>
                        <Form.Item name={[row.name, 'labelZh']} style={{ flex: 1, minWidth: 0, marginBottom: 0 }}>
                          <Input maxLength={40} autoComplete="off" placeholder={t('customFields.optionZh')} aria-label={t('customFields.optionZh')} />
                        </Form.Item>
                        <Form.Item name={[row.name, 'labelEn']} style={{ flex: 1, minWidth: 0, marginBottom: 0 }}>
                          <Input maxLength={40} autoComplete="off" placeholder={t('customFields.optionEn')} aria-label={t('customFields.optionEn')} />
                        </Form.Item>
                        <Flex gap={0} style={{ flex: 'none' }}>
                          <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={index === 0} onClick={() => move(index, index - 1)} aria-label={t('customFields.moveUp')} title={t('customFields.moveUp')} style={{ marginTop: 4 }} />
                          <Button
                            type="text"
                            size="small"
                            icon={<ArrowDownOutlined />}
                            disabled={index === rows.length - 1}
                            onClick={() => move(index, index + 1)}
                            aria-label={t('customFields.moveDown')}
                            title={t('customFields.moveDown')}
                            style={{ marginTop: 4 }}
                          />
                          <Button
                            type="text"
                            size="small"
                            danger
                            icon={<DeleteOutlined />}
                            onClick={() => remove(row.name)}
                            aria-label={t('customFields.removeOption')}
                            title={existing ? t('customFields.removeExistingOption') : t('customFields.removeOption')}
                            style={{ marginTop: 4 }}
                          />
                        </Flex>
                      </Flex>
                    );
                  })}
                  {optionsError && (
                    <Typography.Text type="danger" style={{ fontSize: 13 }} role="alert">
                      {optionsError}
                    </Typography.Text>
                  )}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ labelZh: '', labelEn: '' })} block data-testid="field-option-add">
                    {t('customFields.addOption')}
                  </Button>
                  {editing && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('customFields.optionsEditHint')}
                    </Typography.Text>
                  )}
                </Flex>
              )}
            </Form.List>
          </>
        )}

        <div className="kairos-form-section" style={{ marginTop: 16 }}>
          {t('customFields.rules')}
        </div>
        <Flex gap={12} align="flex-start">
          <Form.Item name="required" valuePropName="checked" noStyle>
            <Switch aria-label={t('customFields.required')} data-testid="field-required" />
          </Form.Item>
          <span>
            <Typography.Text>{t('customFields.required')}</Typography.Text>
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
              {t('customFields.requiredHint')}
            </Typography.Text>
          </span>
        </Flex>
        {!editing && <Alert type="info" showIcon title={t('customFields.whereShown', { entity: entityLabel })} style={{ marginTop: 20 }} />}
      </Form>
    </FormDrawer>
  );
}
