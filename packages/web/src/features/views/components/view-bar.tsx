import { App, Badge, Button, Dropdown, Flex, Segmented, Select, Tag, Tooltip, Typography, type MenuProps } from 'antd';
import { DeleteOutlined, EditOutlined, MoreOutlined, PlusOutlined, SaveOutlined, TeamOutlined } from '@ant-design/icons';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { View } from '@kairos/domain/views';
import { useIsPhone } from '../../../lib/use-is-phone';
import type { ListView } from '../use-list-view';
import { ColumnPicker } from './column-picker';
import { ViewModal } from './view-modal';

const ALL = '__all__';

/** A view's name, with a mark when it is shared with the whole workspace. */
function ViewLabel({ view }: { view: View }) {
  const { t } = useTranslation();
  return (
    <span data-testid="view-option" data-view-id={view.id} data-shared={view.shared || undefined}>
      {view.name}
      {view.shared && (
        <Tooltip title={t('views.sharedHint')}>
          <TeamOutlined style={{ marginInlineStart: 6, color: '#8c8c8c' }} aria-label={t('views.shared')} data-testid="view-shared-mark" />
        </Tooltip>
      )}
    </span>
  );
}

/**
 * Above a list: the default view ("All") and the saved ones (shared ones marked) to switch between,
 * "Save" for changes to a view the user may change, "Save as view", rename and delete, and the column
 * picker. On phones the views are a dropdown and the actions a menu.
 */
export function ViewBar<T>({ list }: { list: ListView<T> }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const { modal } = App.useApp();
  const [editing, setEditing] = useState<'create' | 'rename' | null>(null);
  const views = list.views ?? [];
  const { active } = list;

  const confirmDelete = () => {
    if (!active) return;
    modal.confirm({
      title: t('views.deleteTitle', { name: active.name }),
      content: active.shared ? t('views.deleteDescShared') : t('views.deleteDesc'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: list.remove,
    });
  };

  const changeItems: NonNullable<MenuProps['items']> =
    active && list.canChange
      ? [
          { key: 'rename', icon: <EditOutlined />, label: t('views.rename'), onClick: () => setEditing('rename') },
          { key: 'delete', icon: <DeleteOutlined />, label: t('views.delete'), danger: true, onClick: confirmDelete },
        ]
      : [];

  const hint = views.length === 0 && !list.viewsError && (
    <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => setEditing('create')} style={{ paddingInline: 4, color: '#8c8c8c' }} data-testid="view-empty-hint">
      {t('views.emptyHint')}
    </Button>
  );

  const dialog = <ViewModal list={list} mode={editing} onClose={() => setEditing(null)} />;

  if (isPhone) {
    const items: NonNullable<MenuProps['items']> = [
      ...(active && list.canChange ? [{ key: 'save', icon: <SaveOutlined />, label: t('views.save'), disabled: !list.modified || list.saving, onClick: list.save }] : []),
      { key: 'saveAs', icon: <PlusOutlined />, label: t('views.saveAs'), onClick: () => setEditing('create') },
      ...changeItems,
    ];
    return (
      <div style={{ marginBottom: 12 }} data-testid="view-bar">
        <Flex gap={8} align="center">
          <Select
            value={list.selectedId ?? ALL}
            onChange={(id: string) => list.select(id === ALL ? null : id)}
            options={[{ value: ALL, label: t('views.all') }, ...views.map((v) => ({ value: v.id, label: <ViewLabel view={v} /> }))]}
            style={{ flex: '1 1 auto', minWidth: 0 }}
            aria-label={t('views.select')}
            data-testid="view-select"
          />
          {list.modified && list.canChange && (
            <Tag color="orange" style={{ marginInlineEnd: 0 }}>
              {t('views.modified')}
            </Tag>
          )}
          <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
            <Button icon={<MoreOutlined />} aria-label={t('views.actions')} data-testid="view-actions" />
          </Dropdown>
          <ColumnPicker list={list} iconOnly />
        </Flex>
        {hint}
        {dialog}
      </div>
    );
  }

  const options: { value: string; label: ReactNode }[] = [
    { value: ALL, label: <span data-testid="view-option-all">{t('views.all')}</span> },
    ...views.map((v) => ({ value: v.id, label: <ViewLabel view={v} /> })),
  ];

  return (
    <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }} data-testid="view-bar">
      <Flex align="center" gap={8} style={{ minWidth: 0, flex: '1 1 auto' }}>
        <div className="kairos-view-tabs">
          <Segmented value={list.selectedId ?? ALL} onChange={(id: string) => list.select(id === ALL ? null : id)} options={options} aria-label={t('views.select')} />
        </div>
        {hint}
      </Flex>
      <Flex align="center" gap={8} style={{ flex: 'none' }}>
        {active && list.canChange && (
          <Tooltip title={list.modified ? t('views.saveHint') : t('views.unchanged')}>
            <Badge dot={list.modified} offset={[-2, 2]}>
              <Button icon={<SaveOutlined />} disabled={!list.modified} loading={list.saving} onClick={list.save} data-testid="view-save">
                {t('views.save')}
              </Button>
            </Badge>
          </Tooltip>
        )}
        {active && !list.canChange && list.modified && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('views.modifiedReadOnly')}
          </Typography.Text>
        )}
        <Button icon={<PlusOutlined />} onClick={() => setEditing('create')} data-testid="view-save-as">
          {t('views.saveAs')}
        </Button>
        {changeItems.length > 0 && (
          <Dropdown menu={{ items: changeItems }} trigger={['click']} placement="bottomRight">
            <Button icon={<MoreOutlined />} aria-label={t('views.actions')} data-testid="view-actions" />
          </Dropdown>
        )}
        <ColumnPicker list={list} />
      </Flex>
      {dialog}
    </Flex>
  );
}
