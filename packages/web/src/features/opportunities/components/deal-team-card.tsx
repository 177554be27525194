import { Alert, App, Avatar, Button, Card, Flex, Form, List, Modal, Radio, Select, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, UserAddOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEAL_TEAM_ACCESS, DEAL_TEAM_ROLES, TeamMemberInputSchema, type DealTeamMember, type Opportunity } from '@kairos/domain/opportunities';
import { memberOptions, useDirectory, useMemberNames } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { applyServerFieldErrors, validateForm } from '../../../lib/forms';
import { usePutTeamMember, useRemoveTeamMember } from '../api';

interface Values {
  userId?: string;
  role?: DealTeamMember['role'];
  access?: DealTeamMember['access'];
}

function Person({ name }: { name: string }) {
  return (
    <Avatar size={32} style={{ background: '#f0f5ff', color: '#2f54eb', flex: 'none' }}>
      {name.slice(0, 1).toUpperCase()}
    </Avatar>
  );
}

/** Adds a colleague to the team (`member` null) or changes one's role and access. */
function TeamMemberModal({ deal, member, open, onClose }: { deal: Opportunity; member: DealTeamMember | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const directory = useDirectory(open);
  const names = useMemberNames();
  const put = usePutTeamMember();
  // The owner and those already on the team are not offered again.
  const taken = useMemo(() => new Set([...(deal.ownerId ? [deal.ownerId] : []), ...deal.team.map((m) => m.userId)]), [deal.ownerId, deal.team]);
  const options = useMemo(() => memberOptions(directory.data, member ? new Set() : taken), [directory.data, taken, member]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(member ? { userId: member.userId, role: member.role, access: member.access } : { role: 'presales', access: 'read' });
  }, [open, member, form]);

  const submit = (values: Values) => {
    setError(null);
    const parsed = validateForm(form, TeamMemberInputSchema, values, t);
    if (!parsed) return;
    put.mutate(
      { id: deal.id, member: parsed },
      {
        onSuccess: () => {
          void message.success(member ? t('opportunities.team.updated') : t('opportunities.team.added', { name: names.get(parsed.userId) ?? '' }));
          onClose();
        },
        onError: (err) => {
          if (!applyServerFieldErrors(form, err, ['userId', 'role', 'access'])) setError(errorText(err));
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={member ? t('opportunities.team.editTitle') : t('opportunities.team.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={member ? t('common.save') : t('opportunities.team.add')}
      cancelText={t('common.cancel')}
      confirmLoading={put.isPending}
      okButtonProps={{ 'data-testid': 'team-submit' }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form name="team-member" form={form} layout="vertical" requiredMark={false} onFinish={submit} disabled={put.isPending}>
        <Form.Item name="userId" label={t('opportunities.team.member')}>
          <Select
            disabled={!!member}
            options={member ? [{ value: member.userId, label: names.get(member.userId) ?? '—' }] : options}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('opportunities.team.memberPlaceholder')}
            loading={directory.isPending}
            data-testid="team-user"
          />
        </Form.Item>
        <Form.Item name="role" label={t('opportunities.team.role')}>
          <Select options={DEAL_TEAM_ROLES.map((r) => ({ value: r, label: t(`opportunities.teamRole.${r}`) }))} data-testid="team-role" />
        </Form.Item>
        <Form.Item name="access" label={t('opportunities.team.access')} style={{ marginBottom: 0 }}>
          <Radio.Group vertical data-testid="team-access">
            {DEAL_TEAM_ACCESS.map((a) => (
              <Radio key={a} value={a} style={{ marginBottom: 4 }}>
                {a === 'read' ? t('opportunities.team.accessRead') : t('opportunities.team.accessEdit')}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 团队成员: the owner and the colleagues working the deal with their role and access. Only those who may
 * edit the deal through their own scope (owner, manager, admin) add, change or remove members.
 */
export function DealTeamCard({ deal, canManage }: { deal: Opportunity; canManage: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const names = useMemberNames();
  const remove = useRemoveTeamMember();
  const [dialog, setDialog] = useState<{ member: DealTeamMember | null } | null>(null);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? '—') : '—');

  const confirmRemove = (member: DealTeamMember) => {
    const name = nameOf(member.userId);
    modal.confirm({
      title: t('opportunities.team.removeTitle', { name }),
      content: t('opportunities.team.removeDesc'),
      okText: t('opportunities.team.remove'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync({ id: deal.id, userId: member.userId }).then(
          () => void message.success(t('opportunities.team.removed', { name })),
          (err: unknown) => void message.error(errorText(err)),
        ),
    });
  };

  return (
    <Card
      variant="borderless"
      title={`${t('opportunities.team.title')} · ${deal.team.length + (deal.ownerId ? 1 : 0)}`}
      extra={
        canManage && (
          <Button type="link" size="small" icon={<UserAddOutlined />} onClick={() => setDialog({ member: null })} style={{ paddingInline: 0 }} data-testid="team-add">
            {t('opportunities.team.add')}
          </Button>
        )
      }
      data-testid="deal-team"
    >
      <List
        split={false}
        dataSource={[...(deal.ownerId ? [{ owner: true as const, userId: deal.ownerId }] : []), ...deal.team.map((m) => ({ owner: false as const, ...m }))]}
        rowKey="userId"
        locale={{ emptyText: t('opportunities.team.empty') }}
        renderItem={(item) => (
          <List.Item
            style={{ paddingBlock: 8 }}
            data-testid="team-member"
            actions={
              !item.owner && canManage
                ? [
                    <Button key="edit" type="text" size="small" icon={<EditOutlined />} aria-label={t('opportunities.team.edit')} title={t('opportunities.team.edit')} onClick={() => setDialog({ member: item })} />,
                    <Button
                      key="remove"
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('opportunities.team.remove')}
                      title={t('opportunities.team.remove')}
                      onClick={() => confirmRemove(item)}
                      data-testid="team-remove"
                    />,
                  ]
                : []
            }
          >
            <Flex gap={10} align="center" style={{ minWidth: 0 }}>
              <Person name={nameOf(item.userId)} />
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text strong ellipsis>
                  {nameOf(item.userId)}
                </Typography.Text>
                <Flex gap={4} wrap>
                  {item.owner ? (
                    <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
                      {t('opportunities.team.owner')}
                    </Tag>
                  ) : (
                    <>
                      <Tag style={{ marginInlineEnd: 0 }}>{t(`opportunities.teamRole.${item.role}`)}</Tag>
                      <Tag color={item.access === 'edit' ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
                        {t(`opportunities.access.${item.access}`)}
                      </Tag>
                    </>
                  )}
                </Flex>
              </Flex>
            </Flex>
          </List.Item>
        )}
      />
      {deal.team.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 13 }}>
          {t('opportunities.team.empty')}
        </Typography.Paragraph>
      )}
      <TeamMemberModal deal={deal} member={dialog?.member ?? null} open={dialog !== null} onClose={() => setDialog(null)} />
    </Card>
  );
}
