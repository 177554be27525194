import { Alert, App, Button, Card, Col, Descriptions, Flex, Progress, Result, Row, Skeleton, Tag, Tooltip, Typography, type DescriptionsProps } from 'antd';
import { ArrowLeftOutlined, BankOutlined, DeleteOutlined, EditOutlined, FormOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { FollowUp } from '@kairos/domain/followups';
import { OpportunitySchema, TransferOpportunitySchema, type Opportunity } from '@kairos/domain/opportunities';
import { stageName } from '@kairos/domain/pipelines';
import { ApiError } from '../../../lib/api';
import { useSession } from '../../../lib/auth';
import { useMemberNames, useWorkspaceSettings } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { formatDate, formatDateTime, todayIn } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { joinList, type ChangeEvent, type ValueContext } from '../../../lib/timeline';
import { useIsPhone } from '../../../lib/use-is-phone';
import { FollowUpDrawer } from '../../../components/follow-up-drawer';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { RecordTimeline } from '../../../components/record-timeline';
import { FilesCard } from '../../../components/files-card';
import { useCustomFieldItems } from '../../../components/custom-field-values';
import { Dash, HiddenValue, TagList } from '../../../components/record-bits';
import { TransferModal } from '../../../components/transfer-modal';
import {
  fetchOpportunity,
  forgetOpportunity,
  opportunityKey,
  opportunityPath,
  opportunityTimelineKey,
  useContactOptions,
  useDeleteOpportunity,
  useOpportunity,
  usePipelines,
  useRestoreOpportunity,
  useStages,
  useTransferOpportunity,
} from '../api';
import { dealAccessOf, describeChange, fieldLabel, formatMoney, isCloseOverdue } from '../model';
import { DealTeamCard } from './deal-team-card';
import { CalendarDate, DealStatus, Money, StageTag } from './opportunity-bits';
import { OpportunityDrawer } from './opportunity-drawer';
import { StageProgress } from './stage-progress';
import { StagePanel } from './stage-panel';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/opportunities" className="kairos-back-link">
      <ArrowLeftOutlined /> {t('opportunities.detail.back')}
    </Link>
  );
}

/** One opportunity: its stage, amount and team, every field, what happened to it; move, edit, transfer, delete. */
export function OpportunityDetailPage() {
  const { id = '' } = useParams();
  const deal = useOpportunity(id);
  const { t } = useTranslation();

  if (deal.isPending)
    return (
      <>
        <BackLink />
        <Card variant="borderless">
          <Skeleton active />
        </Card>
      </>
    );
  if (deal.isError) {
    const notFound = deal.error instanceof ApiError && deal.error.status === 404;
    return (
      <>
        <BackLink />
        {notFound ? (
          <Card variant="borderless">
            <Result
              status="404"
              title={t('notFound.title')}
              subTitle={t('opportunities.detail.notFound')}
              extra={
                <Link to="/opportunities">
                  <Button type="primary">{t('opportunities.detail.back')}</Button>
                </Link>
              }
            />
          </Card>
        ) : (
          <QueryError error={deal.error} onRetry={() => void deal.refetch()} />
        )}
      </>
    );
  }
  return <OpportunityDetail deal={deal.data} />;
}

/** One key figure of the deal, large, with its label above. */
function Figure({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="kairos-figure" data-testid={testId}>
      <div className="kairos-figure-label">{label}</div>
      <div className="kairos-figure-value">{children}</div>
    </div>
  );
}

function OpportunityDetail({ deal }: { deal: Opportunity }) {
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
  const pipelines = usePipelines();
  const stages = useStages();
  const contacts = useContactOptions(deal.customerId);
  const remove = useDeleteOpportunity();
  const restore = useRestoreOpportunity();
  const transfer = useTransferOpportunity();
  const [editing, setEditing] = useState(false);
  const [transferring, setTransferring] = useState(false);
  // The follow-up drawer: closed (false), logging a new one (null) or correcting one's own.
  const [followUpOpen, setFollowUpOpen] = useState(false);
  const [editingFollowUp, setEditingFollowUp] = useState<FollowUp | null>(null);
  const access = dealAccessOf(deal, me);
  // 字段权限: a field hidden from the viewer's role is absent from the deal (an empty one is null); it shows as hidden, never as empty.
  const hidden = (field: 'probability' | 'expectedCloseOn' | 'source') => deal[field] === undefined;
  const customItems = useCustomFieldItems('opportunity', deal.custom);
  const tz = me.workspace.timezone;
  const recycleDays = settings.data?.recycleDays ?? 30;
  const ownerName = deal.ownerId ? (names.get(deal.ownerId) ?? '—') : '—';
  const pipeline = pipelines.data?.items.find((p) => p.id === deal.pipelineId);
  const stage = stages.get(deal.stageId);
  const contactNames = useMemo(() => new Map((contacts.data?.items ?? []).map((c) => [c.id, c.name])), [contacts.data]);
  const contactName = deal.contactId ? (contactNames.get(deal.contactId) ?? '…') : null;

  const logFollowUp = () => {
    setEditingFollowUp(null);
    setFollowUpOpen(true);
  };
  const editFollowUp = (followUp: FollowUp) => {
    setEditingFollowUp(followUp);
    setFollowUpOpen(true);
  };

  /** A version conflict: show the latest record and say so. Returns whether it was one. */
  const handleConflict = (err: unknown) => {
    if (!(err instanceof ApiError && err.is('version_conflict'))) return false;
    const current = OpportunitySchema.safeParse((err.body as { current?: unknown } | null)?.current);
    // A 409's `current` may not say what the caller may do; keep what the page knew.
    if (current.success) queryClient.setQueryData(opportunityKey(deal.id), { ...current.data, can: current.data.can ?? deal.can });
    void message.warning(t('errors.versionConflict'));
    return true;
  };

  const undoDelete = (messageKey: string) => {
    message.destroy(messageKey);
    restore.mutateAsync(deal.id).then(
      () => {
        void message.success(t('opportunities.delete.undone'));
        void navigate(`/opportunities/${deal.id}`);
      },
      (err: unknown) => void message.error(errorText(err)),
    );
  };

  const confirmDelete = () =>
    modal.confirm({
      title: t('opportunities.delete.title', { name: deal.name }),
      content: t('opportunities.delete.desc', { days: recycleDays }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(deal.id).then(
          () => {
            const key = `opportunity-deleted-${deal.id}`;
            void Promise.resolve(navigate('/opportunities')).then(() => forgetOpportunity(queryClient, deal.id));
            void message.open({
              key,
              type: 'success',
              duration: 8,
              content: (
                <span>
                  {t('opportunities.delete.done')}
                  <Button type="link" size="small" onClick={() => undoDelete(key)} data-testid="undo-delete" style={{ marginInlineStart: 4 }}>
                    {t('opportunities.delete.undo')}
                  </Button>
                </span>
              ),
            });
          },
          (err: unknown) => void message.error(errorText(err)),
        ),
    });

  /** After a transfer the user may no longer see the deal (a rep gives theirs away): then go back to the list. */
  const afterTransfer = async (toName: string) => {
    try {
      // Straight from the server, not through the cache: a 404 here must not reach this page's query.
      const latest = await fetchOpportunity(deal.id);
      queryClient.setQueryData(opportunityKey(deal.id), latest);
      void queryClient.invalidateQueries({ queryKey: opportunityTimelineKey(deal.id) });
      void message.success(t('opportunities.transfer.done', { name: toName }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        void Promise.resolve(navigate('/opportunities')).then(() => forgetOpportunity(queryClient, deal.id));
        void message.success(t('opportunities.transfer.lostAccess', { name: toName }));
      } else {
        void message.error(errorText(err));
      }
    }
  };

  const describe = (event: ChangeEvent, ctx: ValueContext) => describeChange(event, { ...ctx, stages, currency: deal.currency, contacts: contactNames });
  const overdue = (date: string | null) => !!date && deal.status === 'open' && date < todayIn(tz);

  const items: DescriptionsProps['items'] = [
    {
      key: 'customer',
      label: t('opportunities.field.customerId'),
      children: (
        <Link to={`/customers/${deal.customerId}`} data-testid="deal-customer-link">
          {deal.customerName}
        </Link>
      ),
    },
    { key: 'contact', label: t('opportunities.field.contactId'), children: contactName ?? <Dash /> },
    { key: 'amount', label: t('opportunities.field.amount'), children: <Money minor={deal.amount} currency={deal.currency} /> },
    {
      key: 'probability',
      label: t('opportunities.field.probability'),
      children: hidden('probability') ? (
        <HiddenValue />
      ) : (
        <span>
          {deal.probability}%
          {!deal.probabilityOverridden && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
              ({t('opportunities.fromStage')})
            </Typography.Text>
          )}
        </span>
      ),
    },
    {
      key: 'expectedCloseOn',
      label: t('opportunities.field.expectedCloseOn'),
      children: hidden('expectedCloseOn') ? (
        <HiddenValue />
      ) : deal.expectedCloseOn ? (
        <Flex gap={6} align="center" wrap>
          <CalendarDate date={deal.expectedCloseOn} />
          {isCloseOverdue(deal, todayIn(tz)) && (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('opportunities.overdue')}
            </Tag>
          )}
        </Flex>
      ) : (
        <Dash />
      ),
    },
    { key: 'source', label: t('opportunities.field.source'), children: hidden('source') ? <HiddenValue /> : deal.source ? t(`opportunities.source.${deal.source}`) : <Dash /> },
    { key: 'tags', label: t('opportunities.field.tags'), children: deal.tags.length ? <TagList tags={deal.tags} /> : <Dash />, span: 'filled' },
    ...customItems,
    { key: 'owner', label: t('opportunities.field.ownerId'), children: ownerName },
    {
      key: 'lastFollowUpAt',
      label: t('opportunities.field.lastFollowUpAt'),
      children: deal.lastFollowUpAt ? formatDateTime(deal.lastFollowUpAt, locale, tz) : <Typography.Text type="secondary">{t('opportunities.neverFollowedUp')}</Typography.Text>,
    },
    {
      key: 'nextFollowUpOn',
      label: t('opportunities.field.nextFollowUpOn'),
      children: deal.nextFollowUpOn ? (
        <Flex gap={6} align="center" wrap>
          <CalendarDate date={deal.nextFollowUpOn} />
          {overdue(deal.nextFollowUpOn) && (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t('opportunities.overdue')}
            </Tag>
          )}
        </Flex>
      ) : (
        <Dash />
      ),
    },
    ...(deal.closedAt ? [{ key: 'closedAt', label: t('opportunities.field.closedAt'), children: formatDateTime(deal.closedAt, locale, tz) }] : []),
    { key: 'createdAt', label: t('opportunities.field.createdAt'), children: formatDateTime(deal.createdAt, locale, tz) },
    { key: 'updatedAt', label: t('opportunities.field.updatedAt'), children: formatDateTime(deal.updatedAt, locale, tz) },
  ];

  // 资料完整率: how many of the workspace's key fields are filled in, and which are missing.
  const { percent, missing } = deal.completeness;
  const completeness = (
    <Tooltip title={missing.length ? t('opportunities.detail.missing', { fields: joinList(missing.map((f) => fieldLabel(f, t)), locale) }) : t('opportunities.detail.complete')}>
      <Flex align="center" gap={8} data-testid="opportunity-completeness">
        <Typography.Text type="secondary" style={{ fontSize: 13, whiteSpace: 'nowrap' }}>
          {t('opportunities.detail.completeness')}
        </Typography.Text>
        <Progress percent={percent} size={[72, 6]} strokeColor={percent >= 80 ? '#52c41a' : percent >= 50 ? '#2f54eb' : '#fa8c16'} format={(p) => `${p}%`} />
      </Flex>
    </Tooltip>
  );

  const actions = (
    <>
      {access.followUp && (
        <Button type="primary" icon={<FormOutlined />} onClick={logFollowUp} data-testid="followup-log">
          {t('followUps.log')}
        </Button>
      )}
      {access.edit && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="opportunity-edit">
          {t('common.edit')}
        </Button>
      )}
      {access.transfer && (
        <Button icon={<SwapOutlined />} onClick={() => setTransferring(true)} data-testid="opportunity-transfer">
          {t('opportunities.detail.transfer')}
        </Button>
      )}
      {access.delete && (
        <Button danger icon={<DeleteOutlined />} onClick={confirmDelete} data-testid="opportunity-delete">
          {t('common.delete')}
        </Button>
      )}
    </>
  );

  return (
    <>
      <BackLink />
      <PageHeader
        title={deal.name}
        subtitle={
          <Flex gap={12} wrap align="center" component="span" data-testid="opportunity-header">
            <Link to={`/customers/${deal.customerId}`}>
              <BankOutlined style={{ marginInlineEnd: 4 }} />
              {deal.customerName}
            </Link>
            <StageTag stage={stage} />
            {/* A closed deal's stage (赢单 / 输单) already says how it ended. */}
            {deal.status === 'open' && <DealStatus status={deal.status} />}
            <span>
              <UserOutlined style={{ marginInlineEnd: 4 }} />
              {t('opportunities.ownerIs', { name: ownerName })}
            </span>
            <TagList tags={deal.tags} />
          </Flex>
        }
        extra={actions}
      />
      {access.seat && (
        <Alert
          type="info"
          showIcon
          title={access.edit ? t('opportunities.detail.teamEditor') : t('opportunities.detail.readOnly')}
          style={{ marginBottom: 16 }}
          data-testid="team-seat-notice"
        />
      )}
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card variant="borderless" data-testid="deal-summary">
            <Flex vertical gap={20}>
              <div className="kairos-figures">
                <Figure label={t('opportunities.field.amount')} testId="deal-amount">
                  {deal.amount === undefined ? <HiddenValue /> : formatMoney(deal.amount, deal.currency, locale)}
                </Figure>
                <Figure label={t('opportunities.field.probability')}>{deal.probability === undefined ? <HiddenValue /> : `${deal.probability}%`}</Figure>
                <Figure label={t('opportunities.field.expectedCloseOn')}>
                  {hidden('expectedCloseOn') ? <HiddenValue /> : deal.expectedCloseOn ? <CalendarDate date={deal.expectedCloseOn} /> : '—'}
                </Figure>
                <Figure label={t('opportunities.field.stageId')}>
                  {stage ? stageName(stage, locale) : '…'}
                  <div className="kairos-figure-note">
                    {deal.closedAt
                      ? t('opportunities.detail.closedOn', { date: formatDate(deal.closedAt, locale, tz) })
                      : t('opportunities.detail.inStageSince', { date: formatDate(deal.stageEnteredAt, locale, tz) })}
                  </div>
                </Figure>
              </div>
              <StageProgress deal={deal} pipeline={pipeline} canMove={access.edit} onConflict={handleConflict} />
            </Flex>
          </Card>
        </Col>
        <Col span={24}>
          <StagePanel deal={deal} pipeline={pipeline} canEdit={access.edit} />
        </Col>
        <Col xs={24} xl={14}>
          <Flex vertical gap={16}>
            <Card variant="borderless" title={t('opportunities.detail.info')} extra={completeness}>
              <Descriptions items={items} bordered column={{ xs: 1, sm: 2 }} size="small" styles={{ label: isPhone ? { width: 100 } : { width: 1, whiteSpace: 'nowrap' } }} />
            </Card>
            <DealTeamCard deal={deal} canManage={access.manageTeam} />
            <FilesCard
              target={{ targetType: 'opportunity', targetId: deal.id }}
              canUpload={access.followUp}
              onChanged={() => void queryClient.invalidateQueries({ queryKey: opportunityTimelineKey(deal.id) })}
            />
          </Flex>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            variant="borderless"
            title={t('opportunities.detail.timeline')}
            extra={
              access.followUp && (
                <Button type="link" size="small" icon={<FormOutlined />} onClick={logFollowUp} style={{ paddingInline: 0 }}>
                  {t('followUps.log')}
                </Button>
              )
            }
          >
            <RecordTimeline
              url={`${opportunityPath(deal.id)}/timeline`}
              queryKey={opportunityTimelineKey(deal.id)}
              describeChange={describe}
              onEditFollowUp={access.followUp ? editFollowUp : undefined}
              commentOn={{ targetType: 'opportunity', targetId: deal.id }}
              testId="opportunity-timeline"
            />
          </Card>
        </Col>
      </Row>
      <OpportunityDrawer open={editing} opportunity={deal} onClose={() => setEditing(false)} />
      <FollowUpDrawer open={followUpOpen} target={{ type: 'opportunity', id: deal.id }} followUp={editingFollowUp} onClose={() => setFollowUpOpen(false)} />
      <TransferModal
        open={transferring}
        title={t('opportunities.transfer.title')}
        description={t('opportunities.transfer.desc', { name: deal.name })}
        ownerId={deal.ownerId}
        schema={TransferOpportunitySchema}
        bodyOf={(values) => ({ version: deal.version, toUserId: values.toUserId, note: values.note })}
        transfer={(body) => transfer.mutateAsync({ id: deal.id, body })}
        pending={transfer.isPending}
        onClose={() => setTransferring(false)}
        onTransferred={(name) => void afterTransfer(name)}
        onError={handleConflict}
      />
    </>
  );
}
