import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import type { Permission } from '@kairos/domain/roles';
import { hasPermission, useMe } from '../lib/auth';
import { FullPageSpin } from '../components/full-page-spin';
import { QueryError } from '../components/query-error';
import { ForbiddenState } from '../components/status-pages';
import { useSetupStatus } from '../features/setup/api';
import { safeNext } from '../features/auth/components/sign-in-page';

/** A fresh installation goes to /setup before anything else; a set-up one never shows /setup again. */
export function SetupGate() {
  const status = useSetupStatus();
  const location = useLocation();
  if (status.isPending) return <FullPageSpin />;
  if (status.isError)
    return (
      <div style={{ maxWidth: 560, margin: '80px auto', padding: 16 }}>
        <QueryError error={status.error} onRetry={() => void status.refetch()} />
      </div>
    );
  const onSetup = location.pathname === '/setup';
  if (status.data.setupRequired && !onSetup) return <Navigate to="/setup" replace />;
  if (!status.data.setupRequired && onSetup) return <Navigate to="/" replace />;
  return <Outlet />;
}

/** Signed-in area: anyone else is sent to sign in, and comes back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError)
    return (
      <div style={{ maxWidth: 560, margin: '80px auto', padding: 16 }}>
        <QueryError error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  if (!me.data) {
    const here = location.pathname + location.search;
    return <Navigate to={here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} replace />;
  }
  return <>{children}</>;
}

/** Sign-in page: someone already signed in goes straight to the app. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.isPending) return <FullPageSpin />;
  if (me.data) return <Navigate to={safeNext(params.get('next'))} replace />;
  return <>{children}</>;
}

/** Pages for one permission; the server enforces the same on every call, this only explains it. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const me = useMe();
  return hasPermission(me.data, permission) ? <>{children}</> : <ForbiddenState />;
}
