import {
  ApartmentOutlined,
  BankOutlined,
  BarChartOutlined,
  ContactsOutlined,
  ControlOutlined,
  DashboardOutlined,
  MessageOutlined,
  NotificationOutlined,
  ProfileOutlined,
  NodeIndexOutlined,
  ProjectOutlined,
  RiseOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';

/** The record features that have shipped, in navigation order (after Home). */
export const LIVE_FEATURES = ['customers', 'contacts', 'opportunities', 'board', 'followups'] as const;
export type LiveFeature = (typeof LIVE_FEATURES)[number];

/** The features still to come; each has a nav entry and a "coming soon" page until it ships. */
export const UPCOMING_FEATURES = ['reports'] as const;
export type UpcomingFeature = (typeof UPCOMING_FEATURES)[number];

export const NAV_ICONS: Record<LiveFeature | UpcomingFeature | 'home' | 'mentions' | 'admin' | 'users' | 'departments' | 'settings' | 'fields' | 'pipelines', (size?: number) => ReactNode> = {
  home: (size) => <DashboardOutlined style={{ fontSize: size }} />,
  mentions: (size) => <NotificationOutlined style={{ fontSize: size }} />,
  customers: (size) => <BankOutlined style={{ fontSize: size }} />,
  contacts: (size) => <ContactsOutlined style={{ fontSize: size }} />,
  opportunities: (size) => <RiseOutlined style={{ fontSize: size }} />,
  board: (size) => <ProjectOutlined style={{ fontSize: size }} />,
  followups: (size) => <MessageOutlined style={{ fontSize: size }} />,
  reports: (size) => <BarChartOutlined style={{ fontSize: size }} />,
  admin: (size) => <SettingOutlined style={{ fontSize: size }} />,
  users: (size) => <TeamOutlined style={{ fontSize: size }} />,
  departments: (size) => <ApartmentOutlined style={{ fontSize: size }} />,
  settings: (size) => <ControlOutlined style={{ fontSize: size }} />,
  fields: (size) => <ProfileOutlined style={{ fontSize: size }} />,
  pipelines: (size) => <NodeIndexOutlined style={{ fontSize: size }} />,
};
