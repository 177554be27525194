import { App, Button, Card, Flex, Segmented, Select, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, LockOutlined, PlusOutlined, ProfileOutlined } from '@ant-design/icons';
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CUSTOM_FIELD_ENTITIES, type CustomField, type CustomFieldEntity } from '@kairos/domain/custom-fields';
import { customFieldLabel, optionLabel, useCustomFields } from '../../../lib/custom-fields';
import { useErrorText } from '../../../lib/errors';
import { useLocale } from '../../../lib/i18n/i18n';
import { joinList } from '../../../lib/timeline';
import { useIsPhone } from '../../../lib/use-is-phone';
import { GuideEmpty } from '../../../components/guide-empty';
import { PageHeader } from '../../../components/page-header';
import { QueryError } from '../../../components/query-error';
import { useDeleteField, useReorderFields } from '../api';
import { hasOptions, reorder } from '../model';
import { FieldDrawer } from './field-drawer';
import { FieldPermissions } from '../../field-access/components/field-permissions';

type PageTab = 'fields' | 'access';

function isEntity(value: string | null): value is CustomFieldEntity {
  return !!value && (CUSTOM_FIELD_ENTITIES as readonly string[]).includes(value);
}

/** One record type's fields: a table on desktop, cards on phones; reorder, edit, delete. */
function EntityFields({ entity, onAdd, onEdit }: { entity: CustomFieldEntity; onAdd: () => void; onEdit: (field: CustomField) => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isPhone = useIsPhone();
  const { message, modal } = App.useApp();
  const errorText = useErrorText();
  const fields = useCustomFields(entity);
  const remove = useDeleteField();
  const reorderFields = useReorderFields();
  const items = fields.data ?? [];
  const entityLabel = t(`customFields.entity.${entity}`);

  const move = (field: CustomField, direction: -1 | 1) => {
    const moves = reorder(items, field.id, direction);
    if (!moves.length) return;
    reorderFields.mutate(moves, { onError: (err) => void message.error(errorText(err)) });
  };

  const confirmDelete = (field: CustomField) =>
    modal.confirm({
      title: t('customFields.deleteTitle', { name: customFieldLabel(field, locale) }),
      content: t('customFields.deleteDesc'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(field.id).then(
          () => void message.success(t('customFields.deleted')),
          (err: unknown) => void message.error(errorText(err)),
        ),
    });

  // The reader's language first, the other one beside it (both are what the forms show).
  const otherLabel = (field: CustomField) => (locale === 'en' ? field.labelZh : field.labelEn);
  const typeTag = (field: CustomField) => <Tag style={{ marginInlineEnd: 0 }}>{t(`customFields.types.${field.type}`)}</Tag>;
  const requiredTag = (field: CustomField) =>
    field.required ? (
      <Tag color="red" style={{ marginInlineEnd: 0 }}>
        {t('common.required')}
      </Tag>
    ) : (
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('common.optional')}
      </Typography.Text>
    );
  const optionsText = (field: CustomField) =>
    hasOptions(field.type) ? (
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {joinList(
          field.options.map((o) => optionLabel(field, o.value, locale)),
          locale,
        )}
      </Typography.Text>
    ) : null;
  const orderButtons = (field: CustomField, index: number) => (
    <Flex gap={0}>
      <Button
        type="text"
        size="small"
        icon={<ArrowUpOutlined />}
        disabled={index === 0 || reorderFields.isPending}
        onClick={() => move(field, -1)}
        aria-label={t('customFields.moveUp')}
        title={t('customFields.moveUp')}
        data-testid="field-up"
      />
      <Button
        type="text"
        size="small"
        icon={<ArrowDownOutlined />}
        disabled={index === items.length - 1 || reorderFields.isPending}
        onClick={() => move(field, 1)}
        aria-label={t('customFields.moveDown')}
        title={t('customFields.moveDown')}
        data-testid="field-down"
      />
    </Flex>
  );
  const rowActions = (field: CustomField) => (
    <Flex gap={0}>
      <Button type="text" size="small" icon={<EditOutlined />} onClick={() => onEdit(field)} aria-label={t('common.edit')} title={t('common.edit')} data-testid="field-edit" />
      <Button type="text" size="small" danger icon={<DeleteOutlined />} onClick={() => confirmDelete(field)} aria-label={t('common.delete')} title={t('common.delete')} data-testid="field-delete" />
    </Flex>
  );

  if (fields.isError) return <QueryError error={fields.error} onRetry={() => void fields.refetch()} />;
  if (!fields.isPending && items.length === 0)
    return (
      <GuideEmpty
        icon={<ProfileOutlined />}
        title={t('customFields.emptyTitle', { entity: entityLabel })}
        description={t('customFields.emptyDesc', { entity: entityLabel })}
        action={
          <Button type="primary" icon={<PlusOutlined />} onClick={onAdd}>
            {t('customFields.add')}
          </Button>
        }
      />
    );

  if (isPhone)
    return (
      <Flex vertical gap={10} data-testid="field-cards">
        {fields.isPending && <Card loading size="small" />}
        {items.map((field, index) => (
          <Card key={field.id} size="small" data-testid="field-row">
            <Flex justify="space-between" align="flex-start" gap={8}>
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>{customFieldLabel(field, locale)}</Typography.Text>
                {otherLabel(field) !== customFieldLabel(field, locale) && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                    {otherLabel(field)}
                  </Typography.Text>
                )}
              </div>
              {rowActions(field)}
            </Flex>
            <div className="kairos-card-meta" style={{ marginTop: 6 }}>
              <Flex gap={8} wrap align="center">
                {typeTag(field)}
                {field.required && requiredTag(field)}
                <span className="kairos-mono">{field.key}</span>
              </Flex>
              {optionsText(field)}
              <Flex justify="flex-end">{orderButtons(field, index)}</Flex>
            </div>
          </Card>
        ))}
      </Flex>
    );

  const columns: TableColumnsType<CustomField> = [
    { title: t('customFields.col.order'), key: 'order', width: 80, render: (_, field, index) => orderButtons(field, index) },
    {
      title: t('customFields.col.label'),
      key: 'label',
      render: (_, field) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong>{customFieldLabel(field, locale)}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {otherLabel(field)}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    { title: t('customFields.col.key'), key: 'key', render: (_, field) => <span className="kairos-mono">{field.key}</span> },
    { title: t('customFields.col.type'), key: 'type', render: (_, field) => typeTag(field) },
    { title: t('customFields.col.required'), key: 'required', render: (_, field) => requiredTag(field) },
    {
      title: t('customFields.col.options'),
      key: 'options',
      render: (_, field) =>
        hasOptions(field.type) ? (
          <Tooltip title={field.options.map((o) => `${optionLabel(field, o.value, locale)} (${o.value})`).join(locale === 'en' ? ', ' : '、')}>
            <span style={{ display: 'inline-block', maxWidth: 240 }}>{optionsText(field)}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: t('common.actions'), key: 'actions', width: 96, align: 'right', render: (_, field) => rowActions(field) },
  ];

  return (
    <Table<CustomField>
      rowKey="id"
      columns={columns}
      dataSource={items}
      loading={fields.isPending || reorderFields.isPending}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={() => ({ 'data-testid': 'field-row' }) as HTMLAttributes<HTMLElement>}
      data-testid="fields-table"
    />
  );
}

/**
 * Admin: custom fields (自定义字段, 零代码) for each record type — what the forms ask beyond the built-in
 * fields, in which order, and which are required. Deleting one hides its values; it never erases them.
 * Its second tab (`?tab=access`) is 字段权限: which role may not see or not change which field.
 */
export function CustomFieldsPage() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [params, setParams] = useSearchParams();
  const requested = params.get('entity');
  const entity: CustomFieldEntity = isEntity(requested) ? requested : 'customer';
  const tab: PageTab = params.get('tab') === 'access' ? 'access' : 'fields';
  const fields = useCustomFields(entity);
  const [drawer, setDrawer] = useState<{ field: CustomField | null } | null>(null);
  const entityLabel = t(`customFields.entity.${entity}`);

  const add = () => setDrawer({ field: null });
  // The record type stays when switching between the fields and their permissions.
  const select = (key: string) => setParams(tab === 'access' ? { tab, entity: key } : { entity: key }, { replace: true });
  const switchTab = (next: PageTab) => setParams(next === 'access' ? { tab: next, entity } : { entity }, { replace: true });
  const list = <EntityFields entity={entity} onAdd={add} onEdit={(field) => setDrawer({ field })} />;

  const pageSwitch = (
    <Segmented<PageTab>
      value={tab}
      onChange={switchTab}
      options={[
        { value: 'fields', label: t('fieldAccess.pageFields'), icon: <ProfileOutlined /> },
        { value: 'access', label: t('fieldAccess.pageAccess'), icon: <LockOutlined /> },
      ]}
      block={isPhone}
      aria-label={t('fieldAccess.pageSwitch')}
      style={{ marginBottom: 16 }}
      data-testid="fields-page-switch"
    />
  );

  if (tab === 'access')
    return (
      <>
        <PageHeader title={t('fieldAccess.title')} subtitle={t('fieldAccess.subtitle')} />
        {pageSwitch}
        <FieldPermissions entity={entity} onEntityChange={select} />
      </>
    );

  return (
    <>
      <PageHeader
        title={t('customFields.title')}
        subtitle={t('customFields.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={add} data-testid="field-add">
            {t('customFields.addFor', { entity: entityLabel })}
          </Button>
        }
      />
      {pageSwitch}
      {isPhone ? (
        // Four record types do not fit a phone's tab bar: a picker says which one is shown.
        <Card variant="borderless">
          <Select
            value={entity}
            onChange={select}
            options={CUSTOM_FIELD_ENTITIES.map((e) => ({ value: e, label: t(`customFields.entity.${e}`) }))}
            style={{ width: '100%', marginBottom: 12 }}
            aria-label={t('customFields.recordType')}
            prefix={<Typography.Text type="secondary">{t('customFields.recordType')}</Typography.Text>}
            data-testid="field-entity"
          />
          {list}
        </Card>
      ) : (
        <Card variant="borderless" styles={{ body: { paddingTop: 4 } }}>
          <Tabs
            activeKey={entity}
            onChange={select}
            items={CUSTOM_FIELD_ENTITIES.map((e) => ({ key: e, label: t(`customFields.entity.${e}`), children: e === entity ? list : null }))}
            data-testid="field-tabs"
          />
        </Card>
      )}
      <FieldDrawer open={drawer !== null} entity={entity} entityLabel={entityLabel} field={drawer?.field ?? null} siblings={fields.data ?? []} onClose={() => setDrawer(null)} />
    </>
  );
}
