import { Alert, App, Button, Flex, Form, Input, InputNumber, Popconfirm, Select, TreeSelect, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentSchema, UpdateDepartmentSchema, type Department } from '@kairos/domain/departments';
import { ApiError } from '../../../lib/api';
import { departmentTreeOptions, useUserOptions } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { useDeleteDepartment, useUpdateDepartment } from '../api';

interface Values {
  name?: string;
  parentId?: string | null;
  headUserId?: string | null;
  sort?: number | null;
}

function valuesOf(d: Department): Values {
  return { name: d.name, parentId: d.parentId, headUserId: d.headUserId, sort: d.sort };
}

/** Ids of `id` and every department below it: a department cannot move under any of them. */
function subtreeIds(departments: readonly Department[], id: string): Set<string> {
  const ids = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of departments) {
      if (d.parentId && ids.has(d.parentId) && !ids.has(d.id)) {
        ids.add(d.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** Edit one department: rename, move (parent), head, order; add a child; delete when empty. */
export function DepartmentDetails({
  department,
  departments,
  onAddChild,
  onDeleted,
}: {
  department: Department;
  departments: readonly Department[];
  onAddChild: (parent: Department) => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const people = useUserOptions();
  const update = useUpdateDepartment();
  const remove = useDeleteDepartment();
  const [editing, setEditing] = useState(department);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // Reset only when another department is selected or a newer version arrives, not on every refetch,
  // so a background reload never wipes what is being typed.
  useEffect(() => {
    setEditing(department);
    setConflict(false);
    setError(null);
    form.resetFields();
    form.setFieldsValue(valuesOf(department));
  }, [department.id, department.version, form]);

  const treeData = useMemo(() => departmentTreeOptions(departments, subtreeIds(departments, department.id)), [departments, department.id]);

  const submit = (values: Values) => {
    setError(null);
    const parsed = validateForm(
      form,
      UpdateDepartmentSchema,
      {
        version: editing.version,
        name: values.name,
        parentId: values.parentId ?? null,
        headUserId: values.headUserId ?? null,
        sort: values.sort ?? 0,
      },
      t,
    );
    if (!parsed) return;
    update.mutate(
      { id: editing.id, body: parsed },
      {
        onSuccess: (saved) => {
          setEditing(saved);
          setConflict(false);
          void message.success(t('departments.saved'));
        },
        onError: (err) => {
          if (err instanceof ApiError && err.is('version_conflict')) {
            const current = DepartmentSchema.safeParse((err.body as { current?: unknown } | null)?.current);
            if (current.success) {
              setEditing(current.data);
              form.setFieldsValue(valuesOf(current.data));
            }
            setConflict(true);
            return;
          }
          if (err instanceof ApiError && err.is('department_cycle')) {
            form.setFields([{ name: 'parentId', errors: [errorText(err)] }]);
            return;
          }
          if (!applyServerFieldErrors(form, err, ['name', 'parentId', 'headUserId', 'sort'])) setError(errorText(err));
        },
      },
    );
  };

  return (
    <>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 0 }}>
          <Typography.Title level={5} style={{ margin: 0 }} ellipsis>
            {editing.name}
          </Typography.Title>
          <Typography.Text type="secondary">{t('departments.members', { count: editing.memberCount })}</Typography.Text>
        </div>
        <Flex gap={8} wrap>
          <Button icon={<PlusOutlined />} onClick={() => onAddChild(editing)}>
            {t('departments.addChild')}
          </Button>
          <Popconfirm
            title={t('departments.deleteTitle', { name: editing.name })}
            description={<div style={{ maxWidth: 260 }}>{t('departments.deleteDesc')}</div>}
            okText={t('common.delete')}
            okButtonProps={{ danger: true }}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              remove.mutateAsync(editing.id).then(
                () => {
                  void message.success(t('departments.deleted'));
                  onDeleted();
                },
                (err: unknown) => void message.error(errorText(err)),
              )
            }
          >
            <Button danger icon={<DeleteOutlined />} loading={remove.isPending} data-testid="department-delete">
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      </Flex>
      {conflict && <Alert type="warning" showIcon title={t('errors.versionConflict')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form name="department" form={form} layout="vertical" requiredMark="optional" onFinish={submit} disabled={update.isPending}>
        <Form.Item name="name" label={t('departments.name')} required>
          <Input maxLength={60} />
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
        <Form.Item name="sort" label={t('departments.sort')} extra={t('departments.sortHint')}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('common.saveChanges')}
        </Button>
      </Form>
    </>
  );
}
