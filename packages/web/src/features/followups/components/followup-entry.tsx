import { Flex, Skeleton, Tag, Typography } from 'antd';
import { BankOutlined, CalendarOutlined, ContactsOutlined, NotificationOutlined, RiseOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { CustomField } from '@kairos/domain/custom-fields';
import type { FollowUp } from '@kairos/domain/followups';
import { DayText } from '../../../components/record-bits';
import { FollowUpAttachmentList, FollowUpCustomValues } from '../../../components/record-timeline';
import type { CustomValueContext } from '../../../lib/custom-fields';
import { actorName, describeFollowUp, type ValueContext } from '../../../lib/timeline';
import type { RecordRefs } from '../api';
import { formatTime, nextState, recordLink } from '../model';

export const RECORD_ICONS: Record<FollowUp['targetType'], ReactNode> = {
  customer: <BankOutlined />,
  contact: <ContactsOutlined />,
  opportunity: <RiseOutlined />,
};

/**
 * The record an entry is about, as a link to where it is read: "客户：华为", "商机：私有化部署 · 华为".
 * A record the member cannot open (deleted, or out of their sight) is named as such, without a link.
 */
function RecordLink({ followUp, refs, ctx }: { followUp: FollowUp; refs: RecordRefs; ctx: ValueContext }) {
  const { t } = ctx;
  const ref = refs.get(followUp.targetType, followUp.targetId);
  const type = t(`followupsPage.record.${followUp.targetType}`);
  const icon = <span style={{ color: '#8c8c8c', flex: 'none' }}>{RECORD_ICONS[followUp.targetType]}</span>;
  if (!ref) {
    return (
      <Flex gap={6} align="center" style={{ fontSize: 13, minWidth: 0 }}>
        {icon}
        {refs.settled(followUp.targetType, followUp.targetId) ? (
          <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="followup-record-unavailable">
            {t('followupsPage.recordOf', { type, name: t('followupsPage.unavailable') })}
          </Typography.Text>
        ) : (
          <Skeleton.Input active size="small" style={{ width: 160, height: 18, minWidth: 0 }} />
        )}
      </Flex>
    );
  }
  return (
    <Link to={recordLink(followUp)} style={{ display: 'inline-flex', gap: 6, alignItems: 'center', fontSize: 13, minWidth: 0, maxWidth: '100%' }} data-testid="followup-record">
      {icon}
      <span style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
        {t('followupsPage.recordOf', { type, name: ref.name })}
        {ref.customerName && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{` · ${ref.customerName}`}</Typography.Text>}
      </span>
    </Link>
  );
}

/** What comes next, with its day; a day that passed with nobody following up since is marked overdue. */
function NextStep({ followUp, refs, today, t }: { followUp: FollowUp; refs: RecordRefs; today: string; t: ValueContext['t'] }) {
  if (!followUp.nextStep && !followUp.nextFollowUpOn) return null;
  const ref = refs.get(followUp.targetType, followUp.targetId);
  // While the record is still being read, a past day is not called overdue yet (it may be settled).
  const known = ref || refs.settled(followUp.targetType, followUp.targetId);
  const state = known ? nextState(followUp.nextFollowUpOn, today, ref ? ref.nextFollowUpOn : undefined, ref?.closed) : null;
  return (
    <Flex gap={6} align="center" wrap style={{ fontSize: 13 }} data-testid="followup-next">
      {followUp.nextStep && <span style={{ overflowWrap: 'anywhere', minWidth: 0 }}>{t('followupsPage.next', { step: followUp.nextStep })}</span>}
      {followUp.nextFollowUpOn && (
        <Typography.Text type={state === 'overdue' ? 'danger' : 'secondary'} style={{ fontSize: 13, whiteSpace: 'nowrap' }} aria-label={t('followupsPage.nextOn')}>
          <CalendarOutlined style={{ marginInlineEnd: 4 }} />
          <DayText date={followUp.nextFollowUpOn} />
        </Typography.Text>
      )}
      {state === 'overdue' && (
        <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="followup-overdue">
          {t('followupsPage.overdue')}
        </Tag>
      )}
      {state === 'upcoming' && followUp.nextFollowUpOn === today && (
        <Tag color="orange" style={{ marginInlineEnd: 0 }}>
          {t('followupsPage.dueToday')}
        </Tag>
      )}
    </Flex>
  );
}

/**
 * One follow-up in the feed: who logged what kind (the sentence the record timeline uses), when, about
 * which record (a link), what was said, the outcome, the next step with its day, files and mentions.
 */
export function FollowUpEntry({
  followUp,
  refs,
  today,
  ctx,
  timeZone,
  fields,
  customCtx,
}: {
  followUp: FollowUp;
  refs: RecordRefs;
  today: string;
  ctx: ValueContext;
  timeZone: string | undefined;
  fields: readonly CustomField[];
  customCtx: CustomValueContext;
}) {
  const { headline, outcome, mentioned } = describeFollowUp(followUp, ctx);
  return (
    <div className="kairos-timeline-event" data-testid="followup-entry">
      <Flex justify="space-between" align="baseline" gap={8}>
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{actorName(followUp.authorId, ctx)}</Typography.Text> {headline}
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap', flex: 'none' }}>
          {formatTime(followUp.occurredAt, ctx.locale, timeZone)}
        </Typography.Text>
      </Flex>
      <RecordLink followUp={followUp} refs={refs} ctx={ctx} />
      <div className="kairos-timeline-note">{followUp.content}</div>
      {outcome && <div style={{ overflowWrap: 'anywhere' }}>{outcome}</div>}
      <NextStep followUp={followUp} refs={refs} today={today} t={ctx.t} />
      <FollowUpAttachmentList followUp={followUp} t={ctx.t} />
      {mentioned && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="followup-mentioned">
          <NotificationOutlined style={{ marginInlineEnd: 4 }} />
          {mentioned}
        </Typography.Text>
      )}
      <FollowUpCustomValues followUp={followUp} fields={fields} ctx={customCtx} />
    </div>
  );
}
