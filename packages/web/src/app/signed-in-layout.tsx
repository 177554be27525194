import { AppLayout } from '../components/app-layout';
import { useUpdateProfile } from '../features/profile/api';

/** The app frame, wired so a language picked in the header is also saved as the user's preference. */
export function SignedInLayout() {
  const updateProfile = useUpdateProfile();
  return <AppLayout onLocaleChange={(locale) => updateProfile.mutate({ locale })} />;
}
