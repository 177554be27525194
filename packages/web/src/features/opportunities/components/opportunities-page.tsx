import { Button, Card, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePermission } from '../../../lib/auth';
import { PageHeader } from '../../../components/page-header';
import { OpportunityDrawer } from './opportunity-drawer';
import { OpportunityList } from './opportunity-list';
import { RecycleBin } from './recycle-bin';

/** Opportunities: the list (search, filters, sort, bulk actions) and, for those who may delete, the recycle bin. */
export function OpportunitiesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const canCreate = usePermission('records.create');
  const canDelete = usePermission('records.delete');
  const [creating, setCreating] = useState(false);
  // `?view=` names the list's saved view (features/views); the recycle bin is a tab of its own.
  const tab = canDelete && params.get('tab') === 'recycle' ? 'recycle' : 'list';

  const newOpportunity = (label = t('opportunities.newOpportunity')) =>
    canCreate ? (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="opportunity-new">
        {label}
      </Button>
    ) : null;

  const list = <OpportunityList emptyAction={newOpportunity(t('opportunities.emptyAction'))} />;

  return (
    <>
      <PageHeader title={t('opportunities.title')} subtitle={t('opportunities.subtitle')} extra={tab === 'list' ? newOpportunity() : undefined} />
      <Card variant="borderless" styles={{ body: { paddingTop: canDelete ? 4 : undefined } }}>
        {canDelete ? (
          <Tabs
            activeKey={tab}
            onChange={(key) =>
              setParams(
                (prev) => {
                  const next = new URLSearchParams(prev);
                  if (key === 'recycle') next.set('tab', 'recycle');
                  else next.delete('tab');
                  return next;
                },
                { replace: true },
              )
            }
            items={[
              { key: 'list', label: t('opportunities.tabList'), children: list },
              { key: 'recycle', label: t('opportunities.tabRecycle'), children: <RecycleBin /> },
            ]}
          />
        ) : (
          list
        )}
      </Card>
      <OpportunityDrawer open={creating} opportunity={null} onClose={() => setCreating(false)} />
    </>
  );
}
