import { AppLayout } from '../components/app-layout';
import { NotificationBell } from '../features/notifications/components/notification-bell';
import { useUpdateProfile } from '../features/profile/api';
import { GlobalSearch } from '../features/search/components/global-search';

/** The app frame, wired so a language picked in the header is also saved as the user's preference, with the global search and the notification bell in its header. */
export function SignedInLayout() {
  const updateProfile = useUpdateProfile();
  return <AppLayout onLocaleChange={(locale) => updateProfile.mutate({ locale })} search={<GlobalSearch />} inbox={<NotificationBell />} />;
}
