import { Button, Descriptions, Drawer, Flex, Typography } from 'antd';
import { FormOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '@kairos/domain/contacts';
import type { FollowUp } from '@kairos/domain/followups';
import { usePermission } from '../../../lib/auth';
import { useIsPhone } from '../../../lib/use-is-phone';
import { useCustomFieldItems } from '../../../components/custom-field-values';
import { FollowUpDrawer } from '../../../components/follow-up-drawer';
import { RecordTimeline } from '../../../components/record-timeline';
import { contactTimelineKey } from '../api';
import { describeChange } from '../model';
import { ContactWays, DecisionRole } from './contact-bits';

/**
 * One contact's activity, opened from the customer's page (contacts have no page of their own): their
 * custom fields, the follow-ups and comments on them, what changed; comment with @mentions from the top.
 */
export function ContactActivityDrawer({ contact, onClose }: { contact: Contact | null; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useIsPhone();
  const canCreate = usePermission('records.create');
  const canEdit = usePermission('records.edit');
  const canFollowUp = canCreate || canEdit;
  const [followUp, setFollowUp] = useState<{ editing: FollowUp | null } | null>(null);
  const customItems = useCustomFieldItems('contact', contact?.custom ?? {});

  return (
    <Drawer
      open={contact !== null}
      onClose={onClose}
      size={isPhone ? '100%' : 560}
      destroyOnHidden
      title={contact ? t('contacts.activity.title', { name: contact.name }) : ''}
      extra={
        canFollowUp && (
          <Button type="link" size="small" icon={<FormOutlined />} onClick={() => setFollowUp({ editing: null })} style={{ paddingInline: 0 }}>
            {t('followUps.log')}
          </Button>
        )
      }
      data-testid="contact-activity"
    >
      {contact && (
        <Flex vertical gap={16}>
          <Flex vertical gap={4}>
            <Flex gap={8} align="center" wrap>
              <Typography.Text strong>{contact.name}</Typography.Text>
              {contact.title && <Typography.Text type="secondary">{contact.title}</Typography.Text>}
              <DecisionRole role={contact.decisionRole} />
            </Flex>
            <ContactWays contact={contact} />
          </Flex>
          {customItems.length > 0 && <Descriptions items={customItems} bordered column={1} size="small" styles={{ label: { width: 120 } }} />}
          <RecordTimeline
            url={`/api/contacts/${encodeURIComponent(contact.id)}/timeline`}
            queryKey={contactTimelineKey(contact.id)}
            describeChange={describeChange}
            onEditFollowUp={canFollowUp ? (editing) => setFollowUp({ editing }) : undefined}
            commentOn={{ targetType: 'contact', targetId: contact.id }}
            testId="contact-timeline"
          />
        </Flex>
      )}
      <FollowUpDrawer open={followUp !== null} target={{ type: 'contact', id: contact?.id ?? '' }} followUp={followUp?.editing ?? null} onClose={() => setFollowUp(null)} />
    </Drawer>
  );
}
