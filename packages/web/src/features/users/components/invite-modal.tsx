import { Alert, Button, Form, Input, InputNumber, Modal, Select, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateInvitationSchema } from '@kairos/domain/users';
import { ApiError } from '../../../lib/api';
import { departmentTreeOptions, useDepartments, useRoles } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { useLocale } from '../../../lib/i18n/i18n';
import { roleName } from '../../../lib/roles';
import { CopyField } from '../../../components/copy-field';
import { useCreateInvitation } from '../api';

interface Values {
  email?: string;
  roleIds?: string[];
  departmentId?: string | null;
  expiresInDays?: number | null;
}

interface Created {
  email: string;
  link: string;
  days: number;
}

/** Creates an invitation and shows its link (with a copy button) the one time it exists in clear. */
export function InviteModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [form] = Form.useForm<Values>();
  const errorText = useErrorText();
  const roles = useRoles(open);
  const departments = useDepartments(open);
  const create = useCreateInvitation();
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<string | null>(null);

  const roleOptions = useMemo(() => (roles.data?.items ?? []).map((r) => ({ value: r.id, label: roleName(r, locale) })), [roles.data, locale]);
  const treeData = useMemo(() => departmentTreeOptions(departments.data?.items ?? []), [departments.data]);

  const close = () => {
    setCreated(null);
    setError(null);
    form.resetFields();
    onClose();
  };

  const submit = (values: Values) => {
    setError(null);
    const parsed = validateForm(
      form,
      CreateInvitationSchema,
      { ...values, departmentId: values.departmentId ?? null, expiresInDays: values.expiresInDays ?? undefined },
      t,
    );
    if (!parsed) return;
    create.mutate(parsed, {
      onSuccess: (invitation) =>
        setCreated({ email: invitation.email, link: new URL(invitation.url, window.location.origin).toString(), days: parsed.expiresInDays }),
      onError: (err) => {
        if (err instanceof ApiError && err.is('email_taken')) {
          form.setFields([{ name: 'email', errors: [errorText(err)] }]);
          return;
        }
        if (!applyServerFieldErrors(form, err, ['email', 'roleIds', 'departmentId', 'expiresInDays'])) setError(errorText(err));
      },
    });
  };

  return (
    <Modal
      open={open}
      title={created ? t('invitations.linkTitle') : t('invitations.title')}
      onCancel={close}
      destroyOnHidden
      footer={
        created ? (
          <Button type="primary" onClick={close}>
            {t('common.done')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
              {t('invitations.submit')}
            </Button>
          </>
        )
      }
    >
      {created ? (
        <>
          <Alert type="success" showIcon title={t('invitations.linkDesc', { email: created.email, days: created.days })} style={{ marginBottom: 16 }} />
          <CopyField value={created.link} testId="invitation-link" />
        </>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('invitations.subtitle')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Form name="invite" form={form} layout="vertical" requiredMark="optional" onFinish={submit} initialValues={{ roleIds: [], expiresInDays: 7 }}>
            <Form.Item name="email" label={t('invitations.email')} required>
              <Input type="email" placeholder={t('auth.emailPlaceholder')} autoFocus />
            </Form.Item>
            <Form.Item name="roleIds" label={t('invitations.roles')} required>
              <Select mode="multiple" options={roleOptions} loading={roles.isPending} showSearch={{ optionFilterProp: 'label' }} />
            </Form.Item>
            <Form.Item name="departmentId" label={t('invitations.department')}>
              <TreeSelect treeData={treeData} allowClear treeDefaultExpandAll placeholder={t('users.noneSelected')} />
            </Form.Item>
            <Form.Item name="expiresInDays" label={t('invitations.expiresInDays')}>
              <InputNumber min={1} max={30} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
