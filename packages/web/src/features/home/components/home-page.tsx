import { Card, Col, Flex, Row, Tag, Typography } from 'antd';
import { ApartmentOutlined, BankOutlined, ControlOutlined, KeyOutlined, LockOutlined, RightOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasPermission, useSession } from '../../../lib/auth';
import { useDepartments } from '../../../lib/directory';
import { hourIn } from '../../../lib/format';
import { useLocale } from '../../../lib/i18n/i18n';
import { roleColor, roleKeyName } from '../../../lib/roles';
import { NAV_ICONS, UPCOMING_FEATURES } from '../../../components/nav-icons';

interface Step {
  key: string;
  to: string;
  icon: ReactNode;
  title: string;
  description: string;
}

function StepCard({ step }: { step: Step }) {
  return (
    <Link to={step.to} className="kairos-step" data-testid={`step-${step.key}`}>
      <span className="kairos-step-icon">{step.icon}</span>
      <span style={{ minWidth: 0, flex: 1 }}>
        <Typography.Text strong style={{ display: 'block' }}>
          {step.title}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {step.description}
        </Typography.Text>
      </span>
      <RightOutlined style={{ color: '#bfbfbf' }} />
    </Link>
  );
}

/** Home: who you are here, what to do first, and (a card the app hands in) who @mentioned you. */
export function HomePage({ renderMentions }: { renderMentions?: () => ReactNode } = {}) {
  const { t } = useTranslation();
  const me = useSession();
  const locale = useLocale();
  const isAdmin = hasPermission(me, 'users.manage') || hasPermission(me, 'departments.manage');
  // Not every role may list departments; without the name the card simply shows a dash.
  const departments = useDepartments(!!me.user.departmentId);
  const departmentName = departments.data?.items.find((d) => d.id === me.user.departmentId)?.name;

  useEffect(() => {
    document.title = `${t('nav.home')} · Kairos`;
  }, [t]);

  const hour = hourIn(me.workspace.timezone);
  const greetingKey = hour < 12 ? 'home.greetingMorning' : hour < 18 ? 'home.greetingAfternoon' : 'home.greetingEvening';

  const steps: Step[] = [];
  if (hasPermission(me, 'departments.manage'))
    steps.push({ key: 'departments', to: '/admin/departments', icon: <ApartmentOutlined />, title: t('home.stepDepartments'), description: t('home.stepDepartmentsDesc') });
  if (hasPermission(me, 'users.manage'))
    steps.push({ key: 'users', to: '/admin/users', icon: <TeamOutlined />, title: t('home.stepUsers'), description: t('home.stepUsersDesc') });
  if (hasPermission(me, 'workspace.manage'))
    steps.push(
      { key: 'settings', to: '/admin/settings', icon: <ControlOutlined />, title: t('home.stepSettings'), description: t('home.stepSettingsDesc') },
      { key: 'fields', to: '/admin/fields', icon: NAV_ICONS.fields(), title: t('home.stepFields'), description: t('home.stepFieldsDesc') },
    );
  if (hasPermission(me, 'records.create')) {
    steps.push({ key: 'customers', to: '/customers', icon: <BankOutlined />, title: t('home.stepCustomers'), description: t('home.stepCustomersDesc') });
    steps.push({ key: 'opportunities', to: '/opportunities', icon: NAV_ICONS.opportunities(), title: t('home.stepOpportunities'), description: t('home.stepOpportunitiesDesc') });
  }
  if (!isAdmin) {
    steps.push({ key: 'password', to: '/account/password', icon: <LockOutlined />, title: t('home.stepPassword'), description: t('home.stepPasswordDesc') });
    steps.push({ key: 'profile', to: '/account/profile', icon: <UserOutlined />, title: t('home.stepProfile'), description: t('home.stepProfileDesc') });
  }
  steps.push({ key: 'tokens', to: '/account/tokens', icon: <KeyOutlined />, title: t('home.stepTokens'), description: t('home.stepTokensDesc') });

  return (
    <Flex vertical gap={16}>
      <Card variant="borderless" className="kairos-welcome" data-testid="welcome-card">
        <Typography.Title level={3} style={{ margin: 0, color: '#fff' }}>
          {t(greetingKey, { name: me.user.name })}
        </Typography.Title>
        <Typography.Paragraph style={{ margin: '8px 0 16px', color: 'rgba(255,255,255,0.85)' }}>
          {t('home.intro', { workspace: me.workspace.name })}
        </Typography.Paragraph>
        <Flex gap={24} wrap>
          <div>
            <div className="kairos-welcome-label">{t('home.yourRoles')}</div>
            <Flex gap={6} wrap>
              {me.user.roleKeys.map((key) => (
                <Tag key={key} color={roleColor(key)} style={{ marginInlineEnd: 0 }}>
                  {roleKeyName(key, locale)}
                </Tag>
              ))}
            </Flex>
          </div>
          <div>
            <div className="kairos-welcome-label">{t('home.department')}</div>
            <span style={{ color: '#fff' }}>{me.user.departmentId ? (departmentName ?? '—') : t('home.noDepartment')}</span>
          </div>
        </Flex>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card variant="borderless" title={t('home.gettingStarted')} style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">{isAdmin ? t('home.adminSteps') : t('home.memberSteps')}</Typography.Paragraph>
            <Flex vertical gap={10}>
              {steps.map((step) => (
                <StepCard key={step.key} step={step} />
              ))}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16} style={{ height: '100%' }}>
            {renderMentions?.()}
            <Card variant="borderless" title={t('home.roadmapTitle')} style={{ flex: 1 }}>
              <Typography.Paragraph type="secondary">{t('home.roadmapDesc')}</Typography.Paragraph>
              <div className="kairos-roadmap">
                {UPCOMING_FEATURES.map((f) => (
                  <Link key={f} to={`/${f}`} className="kairos-roadmap-item">
                    {NAV_ICONS[f](20)}
                    <span>{t(`nav.${f}`)}</span>
                  </Link>
                ))}
              </div>
            </Card>
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}
