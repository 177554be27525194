import { Badge, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Opportunity } from '@kairos/domain/opportunities';
import { stageName, type Stage } from '@kairos/domain/pipelines';
import { HiddenValue } from '../../../components/record-bits';
import { formatDate } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { formatMoney } from '../model';

/** Small pieces every opportunity screen shows the same way. */

const STATUS_BADGE: Record<Opportunity['status'], 'processing' | 'success' | 'default'> = { open: 'processing', won: 'success', lost: 'default' };

export function DealStatus({ status }: { status: Opportunity['status'] }) {
  const { t } = useTranslation();
  return <Badge status={STATUS_BADGE[status]} text={t(`opportunities.status.${status}`)} />;
}

const OUTCOME_COLOR: Record<Stage['outcome'], string> = { open: 'blue', won: 'green', lost: 'default' };

/** The deal's stage as a tag (green when won, grey when lost); "…" until the pipelines have loaded. */
export function StageTag({ stage }: { stage: Stage | undefined }) {
  const locale = useLocale();
  return (
    <Tag color={stage ? OUTCOME_COLOR[stage.outcome] : 'default'} style={{ marginInlineEnd: 0 }} data-testid="stage-tag">
      {stage ? stageName(stage, locale) : '…'}
    </Tag>
  );
}

/** A calendar date (YYYY-MM-DD, such as an expected close) as that day, whatever the viewer's timezone. */
export function CalendarDate({ date }: { date: string }) {
  const locale = useLocale();
  return <>{formatDate(`${date}T12:00:00Z`, locale, 'UTC')}</>;
}

/**
 * An amount with its currency, in figures that line up in a column; the hidden marker when the amount is
 * hidden from the viewer's role (字段权限: the server leaves it out, so it is undefined).
 */
export function Money({ minor, currency, strong }: { minor: number | undefined; currency: string; strong?: boolean }) {
  const locale = useLocale();
  if (minor === undefined) return <HiddenValue />;
  return (
    <Typography.Text strong={strong} style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {formatMoney(minor, currency, locale)}
    </Typography.Text>
  );
}
