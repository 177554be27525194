import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MentionList } from './mention-list';

const HOME_MENTIONS = 3;

/** The latest mentions on the home page, with the way to all of them. */
export function MentionsCard() {
  const { t } = useTranslation();
  return (
    <Card variant="borderless" title={t('mentions.cardTitle')} extra={<Link to="/mentions">{t('mentions.viewAll')}</Link>} data-testid="home-mentions">
      <MentionList max={HOME_MENTIONS} />
    </Card>
  );
}
