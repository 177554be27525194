import { Button, Card, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { usePermission } from '../../../lib/auth';
import { PageHeader } from '../../../components/page-header';
import { CustomerList } from './customer-list';
import { CustomerDrawer } from './customer-drawer';
import { RecycleBin } from './recycle-bin';

/** Customers: the list (search, filters, sort) and, for those who may delete, the recycle bin. */
export function CustomersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const canCreate = usePermission('records.create');
  const canDelete = usePermission('records.delete');
  const [creating, setCreating] = useState(false);
  // `?view=` names the list's saved view (features/views); the recycle bin is a tab of its own.
  const tab = canDelete && params.get('tab') === 'recycle' ? 'recycle' : 'list';

  const newCustomer = (label = t('customers.newCustomer')) =>
    canCreate ? (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
        {label}
      </Button>
    ) : null;

  const list = <CustomerList emptyAction={newCustomer(t('customers.emptyAction'))} />;

  return (
    <>
      <PageHeader title={t('customers.title')} subtitle={t('customers.subtitle')} extra={tab === 'list' ? newCustomer() : undefined} />
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
              { key: 'list', label: t('customers.tabCustomers'), children: list },
              { key: 'recycle', label: t('customers.tabRecycle'), children: <RecycleBin /> },
            ]}
          />
        ) : (
          list
        )}
      </Card>
      <CustomerDrawer open={creating} customer={null} onClose={() => setCreating(false)} />
    </>
  );
}
