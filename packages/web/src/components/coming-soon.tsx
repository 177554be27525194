import { Button, Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from './page-header';
import { NAV_ICONS, type UpcomingFeature } from './nav-icons';

/** Placeholder page for a module that is on the roadmap: what it will do, and a way back. */
export function ComingSoon({ feature }: { feature: UpcomingFeature }) {
  const { t } = useTranslation();
  const title = t(`nav.${feature}`);
  return (
    <>
      <PageHeader title={title} />
      <Card variant="borderless">
        <Flex vertical align="center" gap={12} style={{ padding: '48px 16px', textAlign: 'center' }}>
          <div className="kairos-soon-icon">{NAV_ICONS[feature](40)}</div>
          <Tag color="processing" style={{ marginInlineEnd: 0 }}>
            {t('soon.badge')}
          </Tag>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ maxWidth: 520, margin: 0 }}>
            {t(`soon.${feature}`)}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('soon.hint')}
          </Typography.Text>
          <Link to="/" style={{ marginTop: 8 }}>
            <Button>{t('common.backHome')}</Button>
          </Link>
        </Flex>
      </Card>
    </>
  );
}
