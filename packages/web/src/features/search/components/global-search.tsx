import { AutoComplete, Button, Flex, Input, Typography, type InputRef } from 'antd';
import { BankOutlined, ContactsOutlined, RiseOutlined, SearchOutlined } from '@ant-design/icons';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SEARCH_TYPES, type SearchHit, type SearchType } from '@kairos/domain/search';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useIsPhone } from '../../../lib/use-is-phone';
import { hitPath, useSearch } from '../api';

const DEBOUNCE_MS = 250;

const TYPE_ICONS: Record<SearchType, ReactNode> = {
  customer: <BankOutlined />,
  contact: <ContactsOutlined />,
  opportunity: <RiseOutlined />,
};

function HitLabel({ hit }: { hit: SearchHit }) {
  return (
    <Flex gap={8} align="center" style={{ minWidth: 0 }} data-testid="search-hit" data-type={hit.type}>
      <span style={{ color: '#8c8c8c', flex: 'none' }}>{TYPE_ICONS[hit.type]}</span>
      <span style={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        <Typography.Text>{hit.title}</Typography.Text>
        {hit.subtitle && (
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {hit.subtitle}
          </Typography.Text>
        )}
      </span>
    </Flex>
  );
}

/** The search box itself: debounced, results grouped by type (客户 / 联系人 / 商机), arrow keys and Enter to open one. */
function SearchBox({ autoFocus, onDone, width }: { autoFocus?: boolean; onDone?: () => void; width: number | string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const input = useRef<InputRef>(null);
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(text.trim(), DEBOUNCE_MS);
  const search = useSearch(q);
  const hits = useMemo(() => (q && search.data ? search.data.items : []), [q, search.data]);

  useEffect(() => {
    if (autoFocus) input.current?.focus();
  }, [autoFocus]);

  const options = useMemo(
    () =>
      SEARCH_TYPES.map((type) => ({ type, hits: hits.filter((h) => h.type === type) }))
        .filter((group) => group.hits.length > 0)
        .map((group) => ({
          label: (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`search.group.${group.type}`)}
            </Typography.Text>
          ),
          options: group.hits.map((hit) => ({ value: `${hit.type}:${hit.id}`, label: <HitLabel hit={hit} /> })),
        })),
    [hits, t],
  );

  const settled = !!q && q === text.trim() && !search.isFetching;
  const notFound = !text.trim() ? (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('search.hint')}
    </Typography.Text>
  ) : settled ? (
    <span data-testid="search-empty">{t('search.empty')}</span>
  ) : (
    t('search.searching')
  );

  return (
    <AutoComplete
      value={text}
      // Picking a hit reports its value as a change too; the box keeps what was typed (cleared on select).
      onChange={(value: string) => {
        if (!hits.some((h) => `${h.type}:${h.id}` === value)) setText(value);
      }}
      options={options}
      open={open}
      onOpenChange={setOpen}
      onSelect={(value: string) => {
        const hit = hits.find((h) => `${h.type}:${h.id}` === value);
        if (!hit) return;
        setText('');
        setOpen(false);
        input.current?.blur();
        onDone?.();
        void navigate(hitPath(hit));
      }}
      showSearch={{ filterOption: false }}
      defaultActiveFirstOption
      popupMatchSelectWidth={typeof width === 'number' ? Math.max(width, 360) : true}
      notFoundContent={notFound}
      classNames={{ popup: { root: 'kairos-search-popup' } }}
      style={{ width }}
      data-testid="global-search"
    >
      <Input
        ref={input}
        allowClear
        prefix={<SearchOutlined style={{ color: '#bfbfbf' }} />}
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            setOpen(false);
            onDone?.();
          }
        }}
        data-testid="global-search-input"
      />
    </AutoComplete>
  );
}

/**
 * The search in the app header: a box on desktop; on phones an icon that opens a full-width search bar
 * over the header (Escape or Cancel closes it).
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const [phoneOpen, setPhoneOpen] = useState(false);

  if (!isPhone) return <SearchBox width={320} />;
  return (
    <>
      <Button type="text" icon={<SearchOutlined />} onClick={() => setPhoneOpen(true)} aria-label={t('search.open')} data-testid="global-search-open" />
      {phoneOpen && (
        <div className="kairos-phone-search" role="search">
          <SearchBox autoFocus width="100%" onDone={() => setPhoneOpen(false)} />
          <Button type="link" onClick={() => setPhoneOpen(false)} style={{ paddingInline: 4, flex: 'none' }} aria-label={t('search.close')}>
            {t('common.cancel')}
          </Button>
        </div>
      )}
    </>
  );
}
