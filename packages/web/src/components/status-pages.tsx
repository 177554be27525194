import { Button, Card, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useEffect } from 'react';

/** Shown instead of a page the user may not open (checked in the UI and enforced by the server). */
export function ForbiddenState() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('forbidden.title')} · Kairos`;
  }, [t]);
  return (
    <Card variant="borderless" data-testid="forbidden">
      <Result
        status="403"
        title={t('forbidden.title')}
        subTitle={t('forbidden.subtitle')}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    </Card>
  );
}

export function NotFoundState() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('notFound.title')} · Kairos`;
  }, [t]);
  return (
    <Card variant="borderless">
      <Result
        status="404"
        title={t('notFound.title')}
        subTitle={t('notFound.subtitle')}
        extra={
          <Link to="/">
            <Button type="primary">{t('common.backHome')}</Button>
          </Link>
        }
      />
    </Card>
  );
}
