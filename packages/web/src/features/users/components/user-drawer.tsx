import { Alert, App, Button, Drawer, Flex, Form, Input, Select, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '@kairos/domain/locale';
import { CreateUserSchema, UpdateUserSchema, UserSchema, type User } from '@kairos/domain/users';
import { ApiError } from '../../../lib/api';
import { departmentTreeOptions, useDepartments, useRoles, useUserOptions } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { currentLocale, useLocale } from '../../../lib/i18n/i18n';
import { roleName } from '../../../lib/roles';
import { useIsPhone } from '../../../lib/use-is-phone';
import { useCreateUser, useUpdateUser } from '../api';

interface Values {
  name?: string;
  email?: string;
  password?: string;
  departmentId?: string | null;
  managerId?: string | null;
  roleIds?: string[];
  locale?: string;
}

const FIELDS = ['name', 'email', 'password', 'departmentId', 'managerId', 'roleIds', 'locale'];

function valuesOf(user: User): Values {
  return { name: user.name, email: user.email, departmentId: user.departmentId, managerId: user.managerId, roleIds: user.roleIds };
}

/** Create a user (`user` absent) or edit one; edits carry the version that was on screen. */
export function UserDrawer({ open, user, onClose }: { open: boolean; user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [editing, setEditing] = useState<User | null>(user);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const roles = useRoles(open);
  const departments = useDepartments(open);
  const people = useUserOptions(open);
  const create = useCreateUser();
  const update = useUpdateUser();

  useEffect(() => {
    if (!open) return;
    setEditing(user);
    setConflict(false);
    setError(null);
    form.resetFields();
    form.setFieldsValue(user ? valuesOf(user) : { roleIds: [], locale: currentLocale(), departmentId: null, managerId: null });
  }, [open, user, form]);

  const roleOptions = useMemo(
    () => (roles.data?.items ?? []).map((r) => ({ value: r.id, label: roleName(r, locale) })),
    [roles.data, locale],
  );
  const treeData = useMemo(() => departmentTreeOptions(departments.data?.items ?? []), [departments.data]);
  const managerOptions = useMemo(
    () =>
      (people.data?.items ?? [])
        .filter((p) => p.id !== editing?.id)
        .map((p) => ({ value: p.id, label: `${p.name} · ${p.email}` })),
    [people.data, editing],
  );

  const onError = (err: unknown) => {
    if (err instanceof ApiError && err.is('version_conflict')) {
      const current = UserSchema.safeParse((err.body as { current?: unknown } | null)?.current);
      if (current.success) {
        setEditing(current.data);
        form.setFieldsValue(valuesOf(current.data));
      }
      setConflict(true);
      return;
    }
    if (err instanceof ApiError && err.is('email_taken')) {
      form.setFields([{ name: 'email', errors: [errorText(err)] }]);
      return;
    }
    if (!applyServerFieldErrors(form, err, FIELDS)) setError(errorText(err));
  };

  const submit = (values: Values) => {
    setError(null);
    const clean = { ...values, departmentId: values.departmentId ?? null, managerId: values.managerId ?? null };
    if (editing) {
      const parsed = validateForm(
        form,
        UpdateUserSchema,
        { version: editing.version, name: clean.name, departmentId: clean.departmentId, managerId: clean.managerId, roleIds: clean.roleIds },
        t,
      );
      if (!parsed) return;
      update.mutate(
        { id: editing.id, body: parsed },
        {
          onSuccess: () => {
            void message.success(t('users.saved'));
            onClose();
          },
          onError,
        },
      );
    } else {
      const parsed = validateForm(form, CreateUserSchema, clean, t);
      if (!parsed) return;
      create.mutate(parsed, {
        onSuccess: () => {
          void message.success(t('users.created'));
          onClose();
        },
        onError,
      });
    }
  };

  const pending = create.isPending || update.isPending;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('users.editTitle') : t('users.createTitle')}
      size={isPhone ? '100%' : 480}
      destroyOnHidden
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={pending} onClick={() => form.submit()} data-testid="user-drawer-submit">
            {editing ? t('common.save') : t('common.create')}
          </Button>
        </Flex>
      }
    >
      <Form name="user" form={form} layout="vertical" onFinish={submit} requiredMark="optional" disabled={pending}>
        {conflict && <Alert type="warning" showIcon title={t('errors.versionConflict')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form.Item name="name" label={t('users.name')} required>
          <Input maxLength={60} autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} required={!editing}>
          <Input type="email" disabled={!!editing} placeholder={t('auth.emailPlaceholder')} autoComplete="off" />
        </Form.Item>
        {!editing && (
          <Form.Item name="password" label={t('users.initialPassword')} extra={t('users.initialPasswordHint')} required>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="roleIds" label={t('users.roles')} required>
          <Select mode="multiple" options={roleOptions} loading={roles.isPending} showSearch={{ optionFilterProp: 'label' }} data-testid="user-roles" />
        </Form.Item>
        <Form.Item name="departmentId" label={t('users.department')}>
          <TreeSelect
            treeData={treeData}
            allowClear
            treeDefaultExpandAll
            placeholder={t('users.noneSelected')}
            loading={departments.isPending}
            showSearch={{ treeNodeFilterProp: 'title' }}
          />
        </Form.Item>
        <Form.Item name="managerId" label={t('users.manager')}>
          <Select
            options={managerOptions}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('users.noneSelected')}
            loading={people.isPending}
          />
        </Form.Item>
        {!editing && (
          <Form.Item name="locale" label={t('users.locale')}>
            <Select options={LOCALES.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
