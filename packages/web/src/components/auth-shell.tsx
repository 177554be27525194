import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { Flex, Typography } from 'antd';
import { CheckCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Brand } from './logo';
import { LanguageSwitch } from './language-switch';

/**
 * The frame of the pages a person sees before signing in (sign-in, first-run setup, invitation):
 * a brand panel on wide screens, the form on the right, and the language switch always at hand.
 */
export function AuthShell({ title, subtitle, children, wide = false }: { title: string; subtitle?: ReactNode; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · Kairos`;
  }, [title]);
  return (
    <div className="kairos-auth">
      <aside className="kairos-auth-brand">
        <Brand size={36} inverse />
        <div>
          <h2 className="kairos-auth-brand-title">{t('auth.brandTitle')}</h2>
          <ul className="kairos-auth-points">
            {(['brandLine1', 'brandLine2', 'brandLine3'] as const).map((key) => (
              <li key={key}>
                <CheckCircleFilled style={{ color: '#ffc53d', marginTop: 4 }} />
                <span>{t(`auth.${key}`)}</span>
              </li>
            ))}
          </ul>
        </div>
        <span className="kairos-auth-foot">{t('auth.selfHosted')}</span>
      </aside>
      <main className="kairos-auth-main">
        <Flex justify="space-between" align="center" className="kairos-auth-top">
          <span className="kairos-auth-mobile-brand">
            <Brand size={28} />
          </span>
          <span style={{ marginInlineStart: 'auto' }}>
            <LanguageSwitch />
          </span>
        </Flex>
        <div className={wide ? 'kairos-auth-form kairos-auth-form-wide' : 'kairos-auth-form'}>
          <Typography.Title level={2} style={{ marginBottom: 6, fontWeight: 600 }}>
            {title}
          </Typography.Title>
          {subtitle && (
            <Typography.Paragraph type="secondary" style={{ marginBottom: 28 }}>
              {subtitle}
            </Typography.Paragraph>
          )}
          {children}
        </div>
      </main>
    </div>
  );
}
