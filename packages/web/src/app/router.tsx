import { createBrowserRouter } from 'react-router';
import { ComingSoon } from '../components/coming-soon';
import { UPCOMING_FEATURES } from '../components/nav-icons';
import { NotFoundState } from '../components/status-pages';
import { SignInPage } from '../features/auth/components/sign-in-page';
import { ChangePasswordPage } from '../features/auth/components/change-password-page';
import { BoardPage } from '../features/board/components/board-page';
import { MentionsCard } from '../features/comments/components/mentions-card';
import { MentionsPage } from '../features/comments/components/mentions-page';
import { ContactsPage } from '../features/contacts/components/contacts-page';
import { CustomerContactsCard } from '../features/contacts/components/customer-contacts-card';
import { CustomerDetailPage } from '../features/customers/components/customer-detail-page';
import { CustomersPage } from '../features/customers/components/customers-page';
import { CustomFieldsPage } from '../features/custom-fields/components/custom-fields-page';
import { DepartmentsPage } from '../features/departments/components/departments-page';
import { FollowUpsPage } from '../features/followups/components/followups-page';
import { HomePage } from '../features/home/components/home-page';
import { CustomerOpportunitiesCard } from '../features/opportunities/components/customer-opportunities-card';
import { OpportunitiesPage } from '../features/opportunities/components/opportunities-page';
import { OpportunityDetailPage } from '../features/opportunities/components/opportunity-detail-page';
import { PipelinesPage } from '../features/pipelines/components/pipelines-page';
import { ProfilePage } from '../features/profile/components/profile-page';
import { WorkspaceSettingsPage } from '../features/settings/components/workspace-settings-page';
import { SetupPage } from '../features/setup/components/setup-page';
import { TokensPage } from '../features/tokens/components/tokens-page';
import { AcceptInvitationPage } from '../features/users/components/accept-invitation-page';
import { UsersPage } from '../features/users/components/users-page';
import { GuestOnly, RequireAuth, RequirePermission, SetupGate } from './guards';
import { SignedInLayout } from './signed-in-layout';

export const router = createBrowserRouter([
  {
    element: <SetupGate />,
    children: [
      { path: '/setup', element: <SetupPage /> },
      {
        path: '/login',
        element: (
          <GuestOnly>
            <SignInPage />
          </GuestOnly>
        ),
      },
      { path: '/invite/:token', element: <AcceptInvitationPage /> },
      {
        path: '/',
        element: (
          <RequireAuth>
            <SignedInLayout />
          </RequireAuth>
        ),
        children: [
          // Features do not import each other: the app puts the mentions card on the home page.
          { index: true, element: <HomePage renderMentions={() => <MentionsCard />} /> },
          { path: 'mentions', element: <MentionsPage /> },
          {
            path: 'customers',
            element: (
              <RequirePermission permission="records.read">
                <CustomersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'customers/:id',
            element: (
              <RequirePermission permission="records.read">
                {/* Features do not import each other: the app puts the contacts card on the customer's page. */}
                <CustomerDetailPage
                  renderContacts={(customerId) => <CustomerContactsCard customerId={customerId} />}
                  renderOpportunities={(customer) => <CustomerOpportunitiesCard customer={customer} />}
                />
              </RequirePermission>
            ),
          },
          {
            path: 'contacts',
            element: (
              <RequirePermission permission="records.read">
                <ContactsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'opportunities',
            element: (
              <RequirePermission permission="records.read">
                <OpportunitiesPage />
              </RequirePermission>
            ),
          },
          {
            path: 'opportunities/:id',
            element: (
              <RequirePermission permission="records.read">
                <OpportunityDetailPage />
              </RequirePermission>
            ),
          },
          {
            path: 'board',
            element: (
              <RequirePermission permission="records.read">
                <BoardPage />
              </RequirePermission>
            ),
          },
          {
            path: 'followups',
            element: (
              <RequirePermission permission="records.read">
                <FollowUpsPage />
              </RequirePermission>
            ),
          },
          ...UPCOMING_FEATURES.map((feature) => ({ path: feature, element: <ComingSoon feature={feature} /> })),
          {
            path: 'admin/users',
            element: (
              <RequirePermission permission="users.manage">
                <UsersPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/departments',
            element: (
              <RequirePermission permission="departments.manage">
                <DepartmentsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/settings',
            element: (
              <RequirePermission permission="workspace.manage">
                <WorkspaceSettingsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/fields',
            element: (
              <RequirePermission permission="workspace.manage">
                <CustomFieldsPage />
              </RequirePermission>
            ),
          },
          {
            path: 'admin/pipelines',
            element: (
              <RequirePermission permission="pipelines.manage">
                <PipelinesPage />
              </RequirePermission>
            ),
          },
          { path: 'account/profile', element: <ProfilePage /> },
          { path: 'account/password', element: <ChangePasswordPage /> },
          { path: 'account/tokens', element: <TokensPage /> },
          { path: '*', element: <NotFoundState /> },
        ],
      },
    ],
  },
]);

