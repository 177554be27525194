import { App, Button, Card, Col, Descriptions, Flex, Progress, Result, Row, Skeleton, Tag, Tooltip, Typography, type DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, FormOutlined, MergeCellsOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import type { FollowUp } from '@kairos/domain/followups';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { CustomerSchema, type Customer } from '@kairos/domain/customers';
import { ApiError } from '../../../lib/api';
import { usePermission, useSession } from '../../../lib/auth';
import { useMemberNames, useWorkspaceSettings } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { formatDate, formatDateTime, todayIn } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { useIsPhone } from '../../../lib/use-is-phone';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { customerKey, customerTimelineKey, fetchCustomer, forgetCustomer, useCustomer, useDeleteCustomer, useRestoreCustomer } from '../api';
import { CustomerDrawer } from './customer-drawer';
import { CustomerLevel, CustomerStatus } from './customer-bits';
import { useCustomFieldItems } from '../../../components/custom-field-values';
import { Dash, HiddenValue, TagList } from '../../../components/record-bits';
import { CustomerTimeline } from './customer-timeline';
import { FollowUpDrawer } from '../../../components/follow-up-drawer';
import { FilesCard } from '../../../components/files-card';
import { fieldLabel } from '../model';
import { TransferModal } from './transfer-modal';
import { MergeModal } from './merge-modal';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/customers" className="kairos-back-link">
      <ArrowLeftOutlined /> {t('customers.detail.back')}
    </Link>
  );
}

/** Cards other features draw on a customer's page, handed in by the app (features do not import each other). */
interface CustomerCards {
  /** The contacts card (the contacts feature's). */
  renderContacts?: (customerId: string) => ReactNode;
  /** The opportunities card (the opportunities feature's). */
  renderOpportunities?: (customer: Pick<Customer, 'id' | 'name'>) => ReactNode;
}

/** One customer: who owns it, every field, what happened to it; edit, transfer and delete. */
export function CustomerDetailPage({ renderContacts, renderOpportunities }: CustomerCards = {}) {
  const { id = '' } = useParams();
  const customer = useCustomer(id);
  const { t } = useTranslation();

  if (customer.isPending)
    return (
      <>
        <BackLink />
        <Card variant="borderless">
          <Skeleton active />
        </Card>
      </>
    );
  if (customer.isError) {
    const notFound = customer.error instanceof ApiError && customer.error.status === 404;
    return (
      <>
        <BackLink />
        {notFound ? (
          <Card variant="borderless">
            <Result
              status="404"
              title={t('notFound.title')}
              subTitle={t('customers.detail.notFound')}
              extra={
                <Link to="/customers">
                  <Button type="primary">{t('customers.detail.back')}</Button>
                </Link>
              }
            />
          </Card>
        ) : (
          <QueryError error={customer.error} onRetry={() => void customer.refetch()} />
        )}
      </>
    );
  }
  return <CustomerDetail customer={customer.data} renderContacts={renderContacts} renderOpportunities={renderOpportunities} />;
}

function CustomerDetail({ customer, renderContacts, renderOpportunities }: CustomerCards & { customer: Customer }) {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const names = useMemberNames();
  const settings = useWorkspaceSettings();
  const canEdit = usePermission('records.edit');
  const canTransfer = usePermission('records.transfer');
  const canDelete = usePermission('records.delete');
  const canFollowUp = usePermission('records.create') || canEdit;
  const remove = useDeleteCustomer();
  const restore = useRestoreCustomer();
  const [editing, setEditing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  const [merging, setMerging] = useState(false);
  // The follow-up drawer: closed (false), logging a new one (null) or correcting one's own.
  const [followUpOpen, setFollowUpOpen] = useState(false);
  const [editingFollowUp, setEditingFollowUp] = useState<FollowUp | null>(null);
  const logFollowUp = () => {
    setEditingFollowUp(null);
    setFollowUpOpen(true);
  };
  const editFollowUp = (followUp: FollowUp) => {
    setEditingFollowUp(followUp);
    setFollowUpOpen(true);
  };
  const tz = me.workspace.timezone;
  const recycleDays = settings.data?.recycleDays ?? 30;
  const ownerName = customer.ownerId ? (names.get(customer.ownerId) ?? '—') : '—';
  const customItems = useCustomFieldItems('customer', customer.custom);

  /** A version conflict: show the latest record and say so. Returns whether it was one. */
  const handleConflict = (err: unknown) => {
    if (!(err instanceof ApiError && err.is('version_conflict'))) return false;
    const current = CustomerSchema.safeParse((err.body as { current?: unknown } | null)?.current);
    if (current.success) queryClient.setQueryData(customerKey(customer.id), current.data);
    void message.warning(t('errors.versionConflict'));
    return true;
  };

  const undoDelete = (messageKey: string) => {
    message.destroy(messageKey);
    restore.mutateAsync(customer.id).then(
      () => {
        void message.success(t('customers.delete.undone'));
        void navigate(`/customers/${customer.id}`);
      },
      (err: unknown) => void message.error(errorText(err)),
    );
  };

  const confirmDelete = () =>
    modal.confirm({
      title: t('customers.delete.title', { name: customer.name }),
      content: t('customers.delete.desc', { days: recycleDays }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(customer.id).then(
          () => {
            const key = `customer-deleted-${customer.id}`;
            void Promise.resolve(navigate('/customers')).then(() => forgetCustomer(queryClient, customer.id));
            void message.open({
              key,
              type: 'success',
              duration: 8,
              content: (
                <span>
                  {t('customers.delete.done')}
                  <Button type="link" size="small" onClick={() => undoDelete(key)} data-testid="undo-delete" style={{ marginInlineStart: 4 }}>
                    {t('customers.delete.undo')}
                  </Button>
                </span>
              ),
            });
          },
          (err: unknown) => void message.error(errorText(err)),
        ),
    });

  /** After a transfer the user may no longer see the customer (a rep gives theirs away): then go back to the list. */
  const afterTransfer = async (toName: string) => {
    try {
      // Straight from the server, not through the cache: a 404 here must not reach this page's query.
      const latest = await fetchCustomer(customer.id);
      queryClient.setQueryData(customerKey(customer.id), latest);
      void queryClient.invalidateQueries({ queryKey: customerTimelineKey(customer.id) });
      void message.success(t('customers.transfer.done', { name: toName }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        void Promise.resolve(navigate('/customers')).then(() => forgetCustomer(queryClient, customer.id));
        void message.success(t('customers.transfer.lostAccess', { name: toName }));
      } else {
        void message.error(errorText(err));
      }
    }
  };

  // 字段权限: a field hidden from the viewer's role is absent (undefined), an empty one null: the first shows as hidden.
  const value = (v: ReactNode) => (v === undefined ? <HiddenValue /> : v === null || v === '' ? <Dash /> : v);
  const items: DescriptionsProps['items'] = [
    { key: 'type', label: t('customers.field.type'), children: t(`customers.type.${customer.type}`) },
    { key: 'status', label: t('customers.field.status'), children: <CustomerStatus status={customer.status} /> },
    { key: 'level', label: t('customers.field.level'), children: value(customer.level && t(`customers.level.${customer.level}`)) },
    { key: 'source', label: t('customers.field.source'), children: value(customer.source && t(`customers.source.${customer.source}`)) },
    { key: 'uscc', label: t('customers.field.uscc'), children: value(customer.uscc && <span className="kairos-mono">{customer.uscc}</span>), span: 'filled' },
    { key: 'industry', label: t('customers.field.industry'), children: value(customer.industry) },
    { key: 'phone', label: t('customers.field.phone'), children: value(customer.phone && <a href={`tel:${customer.phone}`}>{customer.phone}</a>) },
    {
      key: 'website',
      label: t('customers.field.website'),
      children: value(
        customer.website && (
          <a href={customer.website} target="_blank" rel="noopener noreferrer">
            {customer.website.replace(/^https?:\/\//, '')}
          </a>
        ),
      ),
    },
    { key: 'province', label: t('customers.field.province'), children: value(customer.province) },
    { key: 'city', label: t('customers.field.city'), children: value(customer.city) },
    { key: 'address', label: t('customers.field.address'), children: value(customer.address), span: 'filled' },
    { key: 'tags', label: t('customers.field.tags'), children: customer.tags.length ? <TagList tags={customer.tags} /> : <Dash />, span: 'filled' },
    ...customItems,
    { key: 'owner', label: t('customers.field.ownerId'), children: ownerName },
    {
      key: 'lastFollowUpAt',
      label: t('customers.field.lastFollowUpAt'),
      children: customer.lastFollowUpAt ? formatDateTime(customer.lastFollowUpAt, locale, tz) : <Typography.Text type="secondary">{t('customers.neverFollowedUp')}</Typography.Text>,
    },
    {
      key: 'nextFollowUpOn',
      label: t('customers.field.nextFollowUpOn'),
      children: customer.nextFollowUpOn ? (
        <Flex gap={6} align="center" wrap>
          {/* A calendar date: shown as that day, whatever the viewer's timezone. */}
          {formatDate(`${customer.nextFollowUpOn}T12:00:00Z`, locale, 'UTC')}
          {customer.nextFollowUpOn < todayIn(tz) && (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('customers.overdue')}
            </Tag>
          )}
        </Flex>
      ) : (
        <Dash />
      ),
    },
    { key: 'createdAt', label: t('customers.field.createdAt'), children: formatDateTime(customer.createdAt, locale, tz) },
    { key: 'updatedAt', label: t('customers.field.updatedAt'), children: formatDateTime(customer.updatedAt, locale, tz) },
  ];

  // 资料完整率: how many of the workspace's key fields are filled in, and which are missing.
  const { percent, missing } = customer.completeness;
  const completeness = (
    <Tooltip title={missing.length ? t('customers.detail.missing', { fields: missing.map((f) => fieldLabel(f, t)).join(locale === 'en' ? ', ' : '、') }) : t('customers.detail.complete')}>
      <Flex align="center" gap={8} data-testid="customer-completeness">
        <Typography.Text type="secondary" style={{ fontSize: 13, whiteSpace: 'nowrap' }}>
          {t('customers.detail.completeness')}
        </Typography.Text>
        <Progress percent={percent} size={[72, 6]} strokeColor={percent >= 80 ? '#52c41a' : percent >= 50 ? '#2f54eb' : '#fa8c16'} format={(p) => `${p}%`} />
      </Flex>
    </Tooltip>
  );

  const actions = (
    <>
      {canFollowUp && (
        <Button type="primary" icon={<FormOutlined />} onClick={logFollowUp} data-testid="followup-log">
          {t('followUps.log')}
        </Button>
      )}
      {canEdit && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="customer-edit">
          {t('common.edit')}
        </Button>
      )}
      {canTransfer && (
        <Button icon={<SwapOutlined />} onClick={() => setTransferring(true)} data-testid="customer-transfer">
          {t('customers.detail.transfer')}
        </Button>
      )}
      {canDelete && (
        <Button icon={<MergeCellsOutlined />} onClick={() => setMerging(true)} data-testid="customer-merge">
          {t('customers.merge.action')}
        </Button>
      )}
      {canDelete && (
        <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="customer-delete">
          {t('common.delete')}
        </Button>
      )}
    </>
  );

  return (
    <>
      <BackLink />
      <PageHeader
        title={customer.name}
        subtitle={
          <Flex gap={12} wrap align="center" component="span" data-testid="customer-header">
            <CustomerStatus status={customer.status} />
            {customer.level && <CustomerLevel level={customer.level} />}
            <span>
              <UserOutlined style={{ marginInlineEnd: 4 }} />
              {t('customers.dup.owner', { name: ownerName })}
            </span>
            <TagList tags={customer.tags} />
          </Flex>
        }
        extra={actions}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card variant="borderless" title={t('customers.detail.info')} extra={completeness}>
            <Descriptions items={items} bordered column={{ xs: 1, sm: 2 }} size="small" styles={{ label: { width: isPhone ? 100 : 108 } }} />
          </Card>
          {renderOpportunities && <div style={{ marginTop: 16 }}>{renderOpportunities(customer)}</div>}
          {renderContacts && <div style={{ marginTop: 16 }}>{renderContacts(customer.id)}</div>}
          <div style={{ marginTop: 16 }}>
            <FilesCard
              target={{ targetType: 'customer', targetId: customer.id }}
              canUpload={canFollowUp}
              onChanged={() => void queryClient.invalidateQueries({ queryKey: customerTimelineKey(customer.id) })}
            />
          </div>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            variant="borderless"
            title={t('customers.detail.timeline')}
            extra={
              canFollowUp && (
                <Button type="link" size="small" icon={<FormOutlined />} onClick={logFollowUp} style={{ paddingInline: 0 }}>
                  {t('followUps.log')}
                </Button>
              )
            }
          >
            <CustomerTimeline customerId={customer.id} onEditFollowUp={canFollowUp ? editFollowUp : undefined} />
          </Card>
        </Col>
      </Row>
      <CustomerDrawer open={editing} customer={customer} onClose={() => setEditing(false)} />
      <FollowUpDrawer open={followUpOpen} target={{ type: 'customer', id: customer.id }} followUp={editingFollowUp} onClose={() => setFollowUpOpen(false)} />
      <MergeModal customer={customer} open={merging} onClose={() => setMerging(false)} />
      <TransferModal
        customer={customer}
        open={transferring}
        onClose={() => setTransferring(false)}
        onTransferred={(name) => void afterTransfer(name)}
        onError={handleConflict}
      />
    </>
  );
}
