import { Alert, App, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateDepartmentSchema, type Department } from '@kairos/domain/departments';
import { departmentTreeOptions, useUserOptions } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { useCreateDepartment } from '../api';

interface Values {
  name?: string;
  parentId?: string | null;
  headUserId?: string | null;
}

/** New department, under `parent` when given (the "add sub-department" action) or at the top level. */
export function CreateDepartmentModal({
  open,
  parent,
  departments,
  onClose,
  onCreated,
}: {
  open: boolean;
  parent: Department | null;
  departments: readonly Department[];
  onClose: () => void;
  onCreated: (department: Department) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const people = useUserOptions(open);
  const create = useCreateDepartment();
  const [error, setError] = useState<string | null>(null);
  const treeData = useMemo(() => departmentTreeOptions(departments), [departments]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({ parentId: parent?.id ?? null, headUserId: null });
  }, [open, parent, form]);

  const submit = (values: Values) => {
    setError(null);
    const parsed = validateForm(form, CreateDepartmentSchema, { ...values, parentId: values.parentId ?? null, headUserId: values.headUserId ?? null }, t);
    if (!parsed) return;
    create.mutate(parsed, {
      onSuccess: (department) => {
        void message.success(t('departments.created'));
        onCreated(department);
        onClose();
      },
      onError: (err) => {
        if (!applyServerFieldErrors(form, err, ['name', 'parentId', 'headUserId'])) setError(errorText(err));
      },
    });
  };

  return (
    <Modal
      open={open}
      title={parent ? t('departments.addChildOf', { name: parent.name }) : t('departments.addRoot')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form name="new-department" form={form} layout="vertical" requiredMark="optional" onFinish={submit} style={{ marginTop: 8 }}>
        <Form.Item name="name" label={t('departments.name')} required>
          <Input placeholder={t('departments.namePlaceholder')} maxLength={60} autoFocus />
        </Form.Item>
        <Form.Item name="parentId" label={t('departments.parent')}>
          <TreeSelect treeData={treeData} allowClear treeDefaultExpandAll placeholder={t('departments.noParent')} />
        </Form.Item>
        <Form.Item name="headUserId" label={t('departments.head')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('departments.noHead')}
            loading={people.isPending}
            options={(people.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.name} · ${u.email}` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
