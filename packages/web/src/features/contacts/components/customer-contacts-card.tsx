import { App, Button, Card, Empty, Flex, List, Skeleton, Typography } from 'antd';
import { CommentOutlined, DeleteOutlined, EditOutlined, FormOutlined, PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { Contact } from '@kairos/domain/contacts';
import { usePermission } from '../../../lib/auth';
import { useErrorText } from '../../../lib/errors';
import { FollowUpDrawer } from '../../../components/follow-up-drawer';
import { QueryError } from '../../../components/query-error';
import { useContactList, useDeleteContact } from '../api';
import { ContactCompleteness, ContactWays, DecisionRole } from './contact-bits';
import { ContactActivityDrawer } from './contact-activity-drawer';
import { ContactDrawer } from './contact-drawer';

/**
 * The 联系人 card on a customer's page: its contacts, adding, editing and deleting them, and each one's
 * activity and comments (a link to `?contact=<id>` opens it, e.g. from a mention).
 */
export function CustomerContactsCard({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const canCreate = usePermission('records.create');
  const canEdit = usePermission('records.edit');
  const canDelete = usePermission('records.delete');
  const contacts = useContactList({ customerId });
  const remove = useDeleteContact();
  const items = useMemo(() => contacts.data?.pages.flatMap((p) => p.items) ?? [], [contacts.data]);
  const [drawer, setDrawer] = useState<{ contact: Contact | null } | null>(null);
  // A follow-up with one contact (a call, a WeChat message); it shows on the customer's timeline too.
  const [followUpWith, setFollowUpWith] = useState<Contact | null>(null);
  const canFollowUp = canCreate || canEdit;
  const [params, setParams] = useSearchParams();
  const activityId = params.get('contact');
  const activityContact = activityId ? (items.find((c) => c.id === activityId) ?? null) : null;
  const showActivity = (contact: Contact | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (contact) next.set('contact', contact.id);
        else next.delete('contact');
        return next;
      },
      { replace: true },
    );

  const confirmDelete = (contact: Contact) =>
    modal.confirm({
      title: t('contacts.deleteTitle', { name: contact.name }),
      content: t('contacts.deleteDesc'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(contact.id).then(
          () => void message.success(t('contacts.deleted')),
          (err: unknown) => void message.error(errorText(err)),
        ),
    });

  return (
    <Card
      variant="borderless"
      title={items.length ? `${t('contacts.card')} · ${items.length}${contacts.hasNextPage ? '+' : ''}` : t('contacts.card')}
      extra={
        canCreate && (
          <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setDrawer({ contact: null })} style={{ paddingInline: 0 }} data-testid="contact-add">
            {t('contacts.add')}
          </Button>
        )
      }
      data-testid="customer-contacts"
    >
      {contacts.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : contacts.isError ? (
        <QueryError error={contacts.error} onRetry={() => void contacts.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('contacts.cardEmpty')} style={{ marginBlock: 8 }} />
      ) : (
        <List
          dataSource={items}
          rowKey="id"
          renderItem={(contact) => (
            <List.Item
              data-testid="contact-item"
              actions={[
                ...(canFollowUp
                  ? [
                      <Button
                        key="followup"
                        type="text"
                        size="small"
                        icon={<FormOutlined />}
                        aria-label={t('followUps.log')}
                        title={t('followUps.log')}
                        onClick={() => setFollowUpWith(contact)}
                        data-testid="contact-followup"
                      />,
                    ]
                  : []),
                ...(canEdit ? [<Button key="edit" type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} title={t('common.edit')} onClick={() => setDrawer({ contact })} />] : []),
                ...(canDelete
                  ? [<Button key="delete" type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} title={t('common.delete')} onClick={() => confirmDelete(contact)} />]
                  : []),
              ]}
            >
              <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
                <Flex gap={8} align="center" wrap>
                  {/* The name opens the contact's activity and comments (contacts have no page of their own). */}
                  <Typography.Link
                    strong
                    href={`?contact=${encodeURIComponent(contact.id)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      showActivity(contact);
                    }}
                    title={t('contacts.activity.open')}
                    data-testid="contact-activity-open"
                  >
                    <CommentOutlined style={{ marginInlineEnd: 4 }} />
                    {contact.name}
                  </Typography.Link>
                  {contact.title && <Typography.Text type="secondary">{contact.title}</Typography.Text>}
                  <DecisionRole role={contact.decisionRole} />
                </Flex>
                <ContactWays contact={contact} />
              </Flex>
              <ContactCompleteness contact={contact} />
            </List.Item>
          )}
        />
      )}
      {contacts.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button onClick={() => void contacts.fetchNextPage()} loading={contacts.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
      <FollowUpDrawer open={followUpWith !== null} target={{ type: 'contact', id: followUpWith?.id ?? '' }} followUp={null} onClose={() => setFollowUpWith(null)} />
      <ContactActivityDrawer contact={activityContact} onClose={() => showActivity(null)} />
      <ContactDrawer open={drawer !== null} customerId={customerId} contact={drawer?.contact ?? null} onClose={() => setDrawer(null)} />
    </Card>
  );
}
