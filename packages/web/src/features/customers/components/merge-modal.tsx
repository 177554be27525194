import { Alert, App, Card, Col, Flex, Modal, Row, Select, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@kairos/domain/customers';
import { pageOf } from '@kairos/domain/common';
import { CustomerSchema } from '@kairos/domain/customers';
import { ApiError, request } from '../../../lib/api';
import { useMemberNames } from '../../../lib/directory';
import { useErrorText } from '../../../lib/errors';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useIsPhone } from '../../../lib/use-is-phone';
import { customerKey, customersKey, fetchCustomer, useMergeCustomer } from '../api';

const CustomerPageSchema = pageOf(CustomerSchema);

function Side({ label, color, customer, owner, testId }: { label: string; color: string; customer: Customer | undefined; owner: string; testId: string }) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Tag color={color}>{label}</Tag>
      <Typography.Title level={5} style={{ margin: '8px 0 4px', overflowWrap: 'anywhere' }}>
        {customer ? customer.name : '—'}
      </Typography.Title>
      {customer && <Typography.Text type="secondary">{owner}</Typography.Text>}
    </Card>
  );
}

/**
 * Merges a duplicate into this customer: pick the other one (search by name), see both side by side
 * with what will happen, confirm. Both versions come from the latest reads; a conflict reloads both.
 */
export function MergeModal({ customer, open, onClose }: { customer: Customer; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const names = useMemberNames();
  const merge = useMergeCustomer();
  const [search, setSearch] = useState('');
  const [duplicateId, setDuplicateId] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const q = useDebouncedValue(search.trim(), 300);
  const candidates = useQuery({
    queryKey: [...customersKey, 'merge-candidates', q],
    queryFn: ({ signal }) => request('/api/customers', { query: { q: q || undefined, limit: 20 }, schema: CustomerPageSchema, signal }),
    enabled: open,
    placeholderData: keepPreviousData,
  });
  // The duplicate as it is now: its version goes with the merge.
  const duplicate = useQuery({
    queryKey: customerKey(duplicateId ?? ''),
    queryFn: ({ signal }) => fetchCustomer(duplicateId ?? '', signal),
    enabled: open && !!duplicateId,
  });
  const options = (candidates.data?.items ?? []).filter((c) => c.id !== customer.id).map((c) => ({ value: c.id, label: c.name }));
  const ownerText = (c: Customer) => t('customers.dup.owner', { name: c.ownerId ? (names.get(c.ownerId) ?? '—') : '—' });

  const close = () => {
    setDuplicateId(undefined);
    setSearch('');
    setError(null);
    onClose();
  };

  const submit = () => {
    if (!duplicate.data) return;
    setError(null);
    const name = duplicate.data.name;
    merge.mutate(
      { id: customer.id, body: { version: customer.version, duplicateId: duplicate.data.id, duplicateVersion: duplicate.data.version } },
      {
        onSuccess: () => {
          void message.success(t('customers.merge.done', { name }));
          close();
        },
        onError: (err) => {
          if (err instanceof ApiError && err.is('version_conflict')) {
            void queryClient.invalidateQueries({ queryKey: customerKey(customer.id) });
            void duplicate.refetch();
            setError(t('customers.merge.conflict'));
          } else setError(errorText(err));
        },
      },
    );
  };

  const Arrow = isPhone ? ArrowUpOutlined : ArrowLeftOutlined;
  return (
    <Modal
      open={open}
      title={t('customers.merge.title')}
      onCancel={close}
      onOk={submit}
      okText={t('customers.merge.confirm')}
      okButtonProps={{ danger: true, disabled: !duplicate.data || duplicate.isFetching, loading: merge.isPending, 'data-testid': 'merge-confirm' }}
      cancelText={t('common.cancel')}
      width={isPhone ? '100%' : 640}
      style={isPhone ? { top: 8, maxWidth: 'calc(100vw - 16px)' } : undefined}
      destroyOnHidden
      data-testid="merge-modal"
    >
      <Flex vertical gap={16}>
        <div>
          <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
            {t('customers.merge.pick')}
          </Typography.Text>
          <Select
            showSearch={{ filterOption: false, onSearch: setSearch }}
            value={duplicateId}
            onChange={(id: string) => {
              setDuplicateId(id);
              setError(null);
            }}
            options={options}
            placeholder={t('customers.merge.pickPlaceholder')}
            notFoundContent={candidates.isFetching ? <Spin size="small" /> : t('customers.merge.noMatch')}
            style={{ width: '100%' }}
            aria-label={t('customers.merge.pick')}
            data-testid="merge-pick"
          />
        </div>
        <Row gutter={[12, 12]} align="middle" wrap={isPhone}>
          <Col xs={24} sm={11}>
            <Side label={t('customers.merge.kept')} color="green" customer={customer} owner={ownerText(customer)} testId="merge-kept" />
          </Col>
          <Col xs={24} sm={2} style={{ textAlign: 'center' }}>
            <Arrow style={{ fontSize: 18, color: '#8c8c8c' }} />
          </Col>
          <Col xs={24} sm={11}>
            <Side label={t('customers.merge.removed')} color="red" customer={duplicate.data} owner={duplicate.data ? ownerText(duplicate.data) : ''} testId="merge-duplicate" />
          </Col>
        </Row>
        {duplicate.data && <Alert type="warning" showIcon title={t('customers.merge.explain', { name: customer.name, duplicate: duplicate.data.name })} data-testid="merge-explain" />}
        {error && <Alert type="error" showIcon title={error} data-testid="merge-error" />}
      </Flex>
    </Modal>
  );
}
