import { Button, Card, Empty, Flex, List, Skeleton, Tooltip, Typography } from 'antd';
import { CalendarOutlined, LockOutlined, PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePermission } from '../../../lib/auth';
import { useLocale } from '../../../lib/i18n/i18n';
import { joinList } from '../../../lib/timeline';
import { QueryError } from '../../../components/query-error';
import { useOpportunityList, useStages } from '../api';
import { formatMoney, sumByCurrency } from '../model';
import { CalendarDate, Money, StageTag } from './opportunity-bits';
import { OpportunityDrawer } from './opportunity-drawer';

/** The 商机 card on a customer's page: its deals (open ones first by recency) and creating one for it. */
export function CustomerOpportunitiesCard({ customer }: { customer: { id: string; name: string } }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const canCreate = usePermission('records.create');
  const deals = useOpportunityList({ customerId: customer.id, sort: '-updatedAt' });
  const stages = useStages();
  const [creating, setCreating] = useState(false);
  const items = useMemo(() => deals.data?.pages.flatMap((p) => p.items) ?? [], [deals.data]);

  // What is still open, summed per currency; amounts hidden from the viewer's role are left out (and said so).
  const open = items.filter((o) => o.status === 'open');
  const { totals, hidden } = sumByCurrency(open);
  const total = joinList([...totals].map(([currency, minor]) => formatMoney(minor, currency, locale)), locale);
  const openLine =
    hidden === open.length ? t('fieldAccess.openCountHidden', { count: open.length }) : t('opportunities.card.openTotal', { count: open.length, amount: total });

  return (
    <Card
      variant="borderless"
      title={items.length ? `${t('opportunities.card.title')} · ${items.length}${deals.hasNextPage ? '+' : ''}` : t('opportunities.card.title')}
      extra={
        canCreate && (
          <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ paddingInline: 0 }} data-testid="customer-opportunity-add">
            {t('opportunities.card.add')}
          </Button>
        )
      }
      data-testid="customer-opportunities"
    >
      {deals.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : deals.isError ? (
        <QueryError error={deals.error} onRetry={() => void deals.refetch()} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opportunities.card.empty')} style={{ marginBlock: 8 }} />
      ) : (
        <>
          {open.length > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4, fontSize: 13 }} data-testid="customer-opportunities-total">
              {hidden > 0 ? (
                <Tooltip title={t('fieldAccess.totalHidden', { count: hidden })}>
                  <span>
                    {openLine}
                    <LockOutlined style={{ marginInlineStart: 6 }} aria-label={t('fieldAccess.totalHidden', { count: hidden })} />
                  </span>
                </Tooltip>
              ) : (
                openLine
              )}
            </Typography.Paragraph>
          )}
          <List
            dataSource={items}
            rowKey="id"
            renderItem={(deal) => (
              <List.Item data-testid="customer-opportunity">
                <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
                  <Flex gap={8} align="center" justify="space-between" wrap>
                    <Link to={`/opportunities/${deal.id}`} style={{ minWidth: 0 }}>
                      <Typography.Text strong style={{ color: 'inherit' }}>
                        {deal.name}
                      </Typography.Text>
                    </Link>
                    <Money minor={deal.amount} currency={deal.currency} />
                  </Flex>
                  <Flex gap={12} align="center" wrap style={{ fontSize: 13 }}>
                    <StageTag stage={stages.get(deal.stageId)} />
                    {deal.probability !== undefined && (
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {t('opportunities.col.probability')} {deal.probability}%
                      </Typography.Text>
                    )}
                    {deal.expectedCloseOn && (
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        <CalendarOutlined style={{ marginInlineEnd: 4 }} />
                        <CalendarDate date={deal.expectedCloseOn} />
                      </Typography.Text>
                    )}
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        </>
      )}
      {deals.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button onClick={() => void deals.fetchNextPage()} loading={deals.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
      <OpportunityDrawer open={creating} opportunity={null} customer={customer} onClose={() => setCreating(false)} />
    </Card>
  );
}
