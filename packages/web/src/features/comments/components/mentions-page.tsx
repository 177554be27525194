import { Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { MentionList } from './mention-list';

/** @我的: every comment where a colleague @mentioned me, newest first, each opening its record. */
export function MentionsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('mentions.title')} subtitle={t('mentions.subtitle')} />
      <Card variant="borderless" style={{ maxWidth: 880 }}>
        <MentionList />
      </Card>
    </>
  );
}
