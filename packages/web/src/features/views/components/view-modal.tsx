import { Alert, Form, Input, Modal, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CreateViewSchema } from '@kairos/domain/views';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import type { ListView, ViewValues } from '../use-list-view';

interface Values {
  name?: string;
  shared?: boolean;
}

/** What the form holds, checked as the server will; the filters and columns are the list's, checked by the server. */
const FormSchema = z.object({ name: CreateViewSchema.shape.name, shared: z.boolean() });

/**
 * "Save as view" (a new view from what is on screen) and the active view's settings (name, shared).
 * The shared switch is there only for those who may share (workspace.manage or pipelines.manage).
 */
export function ViewModal<T>({ list, mode, onClose }: { list: ListView<T>; mode: 'create' | 'rename' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const errorText = useErrorText();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const open = mode !== null;
  const active = mode === 'rename' ? list.active : null;

  // Filled when it opens (not when the view list refreshes behind it, which would undo the typing).
  const activeId = active?.id;
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ name: active?.name ?? '', shared: active?.shared ?? false });
  }, [open, activeId, form]);

  const submit = (values: Values) => {
    setError(null);
    const next: ViewValues | null = validateForm(form, FormSchema, { name: values.name ?? '', shared: list.mayShare ? !!values.shared : (active?.shared ?? false) }, t);
    if (!next) return;
    setPending(true);
    (mode === 'rename' ? list.rename(next) : list.saveAs(next)).then(
      () => {
        setPending(false);
        onClose();
      },
      (err: unknown) => {
        setPending(false);
        if (!applyServerFieldErrors(form, err, ['name'])) setError(errorText(err));
      },
    );
  };

  return (
    <Modal
      open={open}
      title={mode === 'rename' ? t('views.renameTitle') : t('views.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form name="view" form={form} layout="vertical" requiredMark="optional" onFinish={submit} style={{ marginTop: 8 }}>
        <Form.Item name="name" label={t('views.name')} required extra={mode === 'create' ? t('views.createDesc') : undefined}>
          <Input placeholder={t('views.namePlaceholder')} maxLength={60} autoFocus data-testid="view-name" />
        </Form.Item>
        {list.mayShare && (
          <Form.Item name="shared" label={t('views.shareSwitch')} valuePropName="checked" extra={t('views.shareHelp')} style={{ marginBottom: 0 }}>
            <Switch data-testid="view-shared" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
