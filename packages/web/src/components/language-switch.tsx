import { Button, Dropdown } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '@kairos/domain/locale';
import { changeLocale, useLocale } from '../lib/i18n/i18n';

/** Language picker for the header and the sign-in/setup pages; `onChange` lets callers persist the choice. */
export function LanguageSwitch({ onChange, compact = false }: { onChange?: (locale: Locale) => void; compact?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [locale],
        items: LOCALES.map((l) => ({ key: l, label: t(`lang.${l}`) })),
        onClick: ({ key }) => {
          const next = key as Locale;
          if (next === locale) return;
          changeLocale(next);
          onChange?.(next);
        },
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('lang.label')} data-testid="language-switch">
        {compact ? null : t(`lang.${locale}`)}
      </Button>
    </Dropdown>
  );
}
