import { Button, Checkbox, Divider, Flex, Popover, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, InsertRowRightOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../lib/use-is-phone';
import { moveColumn, NAME_COLUMN, toggleColumn } from '../model';
import type { ColumnOption, ListView } from '../use-list-view';

/**
 * "列": which columns the list shows and in what order. Shown ones come first, in their order, each with
 * up/down; the rest follow, built-in ones before custom fields. The name column always stays.
 */
export function ColumnPicker<T>({ list, iconOnly = false }: { list: ListView<T>; iconOnly?: boolean }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [open, setOpen] = useState(false);
  const byKey = new Map(list.columnOptions.map((o) => [o.key, o]));
  const shown = list.columns.flatMap((key) => byKey.get(key) ?? []);
  const hidden = list.columnOptions.filter((o) => !list.columns.includes(o.key));

  const label = (option: ColumnOption) => (
    <>
      {option.label}
      {option.custom && (
        <Tag bordered={false} style={{ marginInlineStart: 6, marginInlineEnd: 0, fontSize: 11, lineHeight: '16px', paddingInline: 4 }}>
          {t('views.customField')}
        </Tag>
      )}
    </>
  );

  const row = (option: ColumnOption, index: number | null) => {
    const isName = option.key === NAME_COLUMN;
    const checkbox = (
      <Checkbox
        checked={index !== null}
        disabled={isName}
        onChange={(e) => list.setColumns(toggleColumn(list.columns, option.key, e.target.checked))}
        data-testid={`column-toggle-${option.key}`}
        style={{ minWidth: 0 }}
      >
        {label(option)}
      </Checkbox>
    );
    return (
      <Flex key={option.key} align="center" justify="space-between" gap={8} className="kairos-column-row" data-testid="column-option">
        {isName ? <Tooltip title={t('views.nameFixed')}>{checkbox}</Tooltip> : checkbox}
        {index !== null && !isName && (
          <Flex gap={2} style={{ flex: 'none' }}>
            <Button
              type="text"
              size="small"
              icon={<ArrowUpOutlined />}
              disabled={index <= 1}
              onClick={() => list.setColumns(moveColumn(list.columns, option.key, -1))}
              aria-label={t('views.moveUp', { name: option.label })}
            />
            <Button
              type="text"
              size="small"
              icon={<ArrowDownOutlined />}
              disabled={index >= shown.length - 1}
              onClick={() => list.setColumns(moveColumn(list.columns, option.key, 1))}
              aria-label={t('views.moveDown', { name: option.label })}
            />
          </Flex>
        )}
      </Flex>
    );
  };

  const content = (
    <div style={{ width: isPhone ? 'min(300px, calc(100vw - 48px))' : 280 }} data-testid="column-picker">
      {isPhone && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
          {t('views.phoneColumnsHint')}
        </Typography.Paragraph>
      )}
      <div style={{ maxHeight: isPhone ? '50vh' : 360, overflowY: 'auto', marginInline: -4, paddingInline: 4 }}>
        {shown.map((option, index) => row(option, index))}
        {hidden.length > 0 && (
          <Divider plain style={{ margin: '8px 0', fontSize: 12 }}>
            {t('views.moreColumns')}
          </Divider>
        )}
        {hidden.map((option) => row(option, null))}
      </div>
      <Divider style={{ margin: '8px 0' }} />
      <Flex justify="space-between" align="center">
        <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={list.resetColumns} data-testid="columns-reset">
          {t('views.resetColumns')}
        </Button>
        <Button type="primary" size="small" onClick={() => setOpen(false)}>
          {t('common.done')}
        </Button>
      </Flex>
    </div>
  );

  return (
    <Popover content={content} title={t('views.columnsTitle')} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight" arrow={false}>
      <Button icon={<InsertRowRightOutlined />} aria-label={t('views.columns')} data-testid="columns-button">
        {iconOnly ? null : t('views.columns')}
      </Button>
    </Popover>
  );
}
