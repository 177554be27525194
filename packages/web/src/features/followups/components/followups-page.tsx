import { Button, Card, Flex, Skeleton, Timeline, Typography } from 'antd';
import { BankOutlined, FilterOutlined, MessageOutlined } from '@ant-design/icons';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { FOLLOW_UP_ICONS } from '../../../components/follow-up-drawer';
import { GuideEmpty } from '../../../components/guide-empty';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useSession } from '../../../lib/auth';
import { useCustomFields } from '../../../lib/custom-fields';
import { useMemberNames } from '../../../lib/directory';
import { todayIn } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { useIsPhone } from '../../../lib/use-is-phone';
import type { ValueContext } from '../../../lib/timeline';
import { useFollowUpFeed, useRecordRefs } from '../api';
import { activeFilterCount, dayHeading, filtersFromSearch, groupByDay, listQueryOf, searchFromFilters, type FeedFilters } from '../model';
import { FeedFilterBar } from './feed-filters';
import { FollowUpEntry } from './followup-entry';

/** The dots wear the colour the record timeline gives follow-ups; each shows its kind's icon. */
const DOT_COLOR = '#fa8c16';
const MAX_WIDTH = 960;

/**
 * 跟进: what the team did, across every customer, contact and deal the member may see, by day, newest
 * first. The filters (who, what kind, when, order) live in the link, so a link reproduces the view; each
 * entry opens its record.
 */
export function FollowUpsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const names = useMemberNames();
  const followUpFields = useCustomFields('followup');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(params), [params]);
  const timeZone = me.workspace.timezone;
  const today = todayIn(timeZone);
  const query = useMemo(() => listQueryOf(filters, today, timeZone), [filters, today, timeZone]);
  const feed = useFollowUpFeed(query);
  const pages = useMemo(() => feed.data?.pages.map((p) => p.items) ?? [], [feed.data]);
  const items = useMemo(() => pages.flat(), [pages]);
  const groups = useMemo(() => groupByDay(items, timeZone), [items, timeZone]);
  const refs = useRecordRefs(pages);

  const setFilters = (next: FeedFilters) => setParams(searchFromFilters(next), { replace: true });
  const filtered = activeFilterCount(filters) > 0;
  const ctx: ValueContext = { t, locale, names };
  const customCtx = { locale, names, currency: me.workspace.currency, timeZone, unknown: t('timeline.unknown') };

  let body;
  if (feed.isPending) {
    body = (
      <Flex vertical gap={24} data-testid="followups-loading">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} active avatar={{ size: 'small' }} paragraph={{ rows: 3 }} />
        ))}
      </Flex>
    );
  } else if (feed.isError) {
    body = <QueryError error={feed.error} onRetry={() => void feed.refetch()} />;
  } else if (items.length === 0) {
    body = filtered ? (
      <GuideEmpty
        icon={<FilterOutlined />}
        title={t('followupsPage.emptyFilteredTitle')}
        description={t('followupsPage.emptyFilteredDesc')}
        action={<Button onClick={() => setFilters({ sort: filters.sort })}>{t('followupsPage.clearAll')}</Button>}
      />
    ) : (
      <GuideEmpty
        icon={<MessageOutlined />}
        title={t('followupsPage.emptyTitle')}
        description={t('followupsPage.emptyDesc')}
        action={
          <Link to="/customers">
            <Button type="primary" icon={<BankOutlined />}>
              {t('followupsPage.emptyAction')}
            </Button>
          </Link>
        }
      />
    );
  } else {
    body = (
      <Flex vertical gap={20} style={{ opacity: feed.isPlaceholderData ? 0.55 : 1, transition: 'opacity 0.2s' }} aria-busy={feed.isPlaceholderData} data-testid="followups-feed">
        {groups.map((group) => {
          const heading = dayHeading(group.day, today, locale, t);
          return (
            <section key={`${group.day}-${group.items[0]?.id ?? ''}`} aria-label={heading} data-testid="followups-day">
              <Typography.Title level={5} style={{ margin: '0 0 14px', fontSize: 14 }} data-testid="followups-day-heading">
                {heading}
              </Typography.Title>
              <Timeline
                items={group.items.map((followUp) => ({
                  key: followUp.id,
                  color: DOT_COLOR,
                  icon: FOLLOW_UP_ICONS[followUp.type],
                  content: (
                    <FollowUpEntry
                      followUp={followUp}
                      refs={refs}
                      today={today}
                      ctx={ctx}
                      timeZone={timeZone}
                      fields={followUpFields.data ?? []}
                      customCtx={customCtx}
                    />
                  ),
                }))}
              />
            </section>
          );
        })}
        <Flex justify="center">
          {feed.hasNextPage ? (
            <Button onClick={() => void feed.fetchNextPage()} loading={feed.isFetchingNextPage} data-testid="followups-more">
              {t('common.loadMore')}
            </Button>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('followupsPage.end')}
            </Typography.Text>
          )}
        </Flex>
      </Flex>
    );
  }

  return (
    <>
      <PageHeader title={t('nav.followups')} subtitle={t('followupsPage.subtitle')} />
      <Flex vertical gap={16} style={{ maxWidth: MAX_WIDTH }}>
        <Card variant="borderless" size={isPhone ? 'small' : undefined}>
          <FeedFilterBar filters={filters} onChange={setFilters} />
        </Card>
        <Card variant="borderless">{body}</Card>
      </Flex>
    </>
  );
}
