import { Flex, Progress, Tag, Tooltip, Typography } from 'antd';
import { MailOutlined, MobileOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@kairos/domain/contacts';
import { useLocale } from '../../../lib/i18n/i18n';

/** Small pieces the contact screens show the same way. */

const ROLE_COLOR: Record<NonNullable<Contact['decisionRole']>, string> = {
  decision_maker: 'volcano',
  influencer: 'orange',
  user: 'blue',
  gatekeeper: 'purple',
  champion: 'green',
  other: 'default',
};

export function DecisionRole({ role }: { role: Contact['decisionRole'] }) {
  const { t } = useTranslation();
  if (!role) return null;
  return (
    <Tag color={ROLE_COLOR[role]} style={{ marginInlineEnd: 0 }}>
      {t(`contacts.role.${role}`)}
    </Tag>
  );
}

/** Mobile and e-mail as links (call, write); nothing when neither is known. */
export function ContactWays({ contact }: { contact: Contact }) {
  if (!contact.mobile && !contact.email) return null;
  return (
    <Flex gap={12} wrap style={{ fontSize: 13 }}>
      {contact.mobile && (
        <a href={`tel:${contact.mobile}`}>
          <MobileOutlined style={{ marginInlineEnd: 4 }} />
          {contact.mobile}
        </a>
      )}
      {contact.email && (
        <a href={`mailto:${contact.email}`} style={{ wordBreak: 'break-all' }}>
          <MailOutlined style={{ marginInlineEnd: 4 }} />
          {contact.email}
        </a>
      )}
    </Flex>
  );
}

/** 资料完整率 of a contact, with what is missing in the tooltip. */
export function ContactCompleteness({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { percent, missing } = contact.completeness;
  const label = (field: string) => (['title', 'mobile', 'phone', 'email', 'wechat', 'decisionRole', 'tags'].includes(field) ? t(`contacts.field.${field as 'title'}`) : field);
  return (
    <Tooltip title={missing.length ? t('customers.detail.missing', { fields: missing.map(label).join(locale === 'en' ? ', ' : '、') }) : t('customers.detail.complete')}>
      <span data-testid="contact-completeness">
        <Progress percent={percent} size={[56, 6]} strokeColor={percent >= 80 ? '#52c41a' : percent >= 50 ? '#2f54eb' : '#fa8c16'} format={(p) => <Typography.Text style={{ fontSize: 12 }}>{p}%</Typography.Text>} />
      </span>
    </Tooltip>
  );
}
