import { lazy, Suspense, useEffect, type ReactNode } from 'react';

import { AppShell } from '@/components/layout/AppShell';
import { ErrorBoundary } from '@/components/errors/ErrorBoundary';
import { Spinner } from '@/components/ui/Spinner';
import { Link } from '@/components/ui/Link';
import type { User } from '@/features/auth/api/types';
import { UserMenu } from '@/features/auth/components/UserMenu';
import { useRequireUser } from '@/features/auth/hooks/useRequireUser';
import { navigate, useLocation } from '@/lib/navigation';

import { AdminsOnlyRoute } from './routes/admins-only';
import { NotFoundRoute } from './routes/not-found';
import { SessionRoute } from './routes/session';
import { SessionsRoute } from './routes/sessions';
import { SignInRoute } from './routes/sign-in';

// Only admins need the dead-letter console: it loads on first visit instead of with the app.
const AdminRoute = lazy(() => import('./routes/admin').then((module) => ({ default: module.AdminRoute })));

type Match =
  | { name: 'sign-in' }
  | { name: 'home' }
  | { name: 'sessions' }
  | { name: 'session'; sessionId: string }
  | { name: 'admin' }
  | { name: 'not-found' };

export function matchRoute(pathname: string): Match {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return { name: 'home' };
  if (path === '/sign-in') return { name: 'sign-in' };
  if (path === '/sessions') return { name: 'sessions' };
  if (path === '/admin') return { name: 'admin' };
  const session = /^\/sessions\/([^/]+)$/.exec(path);
  if (session?.[1]) return { name: 'session', sessionId: decodeURIComponent(session[1]) };
  return { name: 'not-found' };
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function page(match: Match, user: User): ReactNode {
  switch (match.name) {
    case 'home':
      return <Redirect to="/sessions" />;
    case 'sessions':
      return <SessionsRoute />;
    case 'session':
      return <SessionRoute sessionId={match.sessionId} isAdmin={user.roles.includes('ADMIN')} />;
    case 'admin':
      return user.roles.includes('ADMIN') ? (
        <Suspense
          fallback={
            <p className="flex items-center gap-2 p-4 text-slate-600">
              <Spinner /> Loading…
            </p>
          }
        >
          <AdminRoute />
        </Suspense>
      ) : (
        <AdminsOnlyRoute />
      );
    case 'sign-in':
    case 'not-found':
      return <NotFoundRoute />;
  }
}

function SignedInApp({ match, pathname }: { match: Match; pathname: string }) {
  const user = useRequireUser();

  if (!user.data) {
    return (
      <p className="flex min-h-screen items-center justify-center gap-2 text-slate-600">
        {user.isError ? (
          'Rebound is not reachable right now. Reload the page to try again.'
        ) : (
          <>
            <Spinner /> Loading…
          </>
        )}
      </p>
    );
  }

  const nav = (
    <nav aria-label="Account" className="flex items-center gap-3">
      {user.data.roles.includes('ADMIN') && (
        <Link
          to="/admin"
          aria-current={match.name === 'admin' ? 'page' : undefined}
          className="text-sm text-slate-700 hover:underline aria-[current=page]:font-semibold"
        >
          Admin
        </Link>
      )}
      <UserMenu user={user.data} onSignedOut={() => navigate('/sign-in', { replace: true })} />
    </nav>
  );

  return (
    <AppShell nav={nav}>
      <ErrorBoundary resetKey={pathname}>{page(match, user.data)}</ErrorBoundary>
    </AppShell>
  );
}

export function AppRouter() {
  const { pathname } = useLocation();
  const match = matchRoute(pathname);
  if (match.name === 'sign-in') {
    return <SignInRoute />;
  }
  return <SignedInApp match={match} pathname={pathname} />;
}
