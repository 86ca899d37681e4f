import {
  createRootRoute,
  createRoute,
  createRouter,
  Link,
  Outlet,
  redirect,
  useNavigate,
  useRouterState,
} from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useRef, type ReactNode } from 'react';

import { PageError } from '@/components/errors/ErrorBoundary';
import { AppShell } from '@/components/layout/AppShell';
import { Spinner } from '@/components/ui/Spinner';
import { useUser } from '@/features/auth/api/get-me';
import { UserMenu } from '@/features/auth/components/UserMenu';
import { useRequireUser } from '@/features/auth/hooks/useRequireUser';
import { CONSOLE_PARAMS, type ConsoleSearch } from '@/features/dead-letters/utils/console-url';
import { focusWhenReady } from '@/lib/focus';
import { parseSearch, stringifySearch } from '@/lib/navigation';

import { AdminsOnlyRoute } from './routes/admins-only';
import { NotFoundRoute } from './routes/not-found';
import { SessionRoute } from './routes/session';
import { SessionsRoute } from './routes/sessions';
import { SignInRoute } from './routes/sign-in';

// Only admins need the dead-letter console: it loads on first visit instead of with the app.
const AdminRoute = lazy(() => import('./routes/admin').then((module) => ({ default: module.AdminRoute })));

function Loading() {
  return (
    <p className="flex items-center gap-2 p-4 text-slate-600">
      <Spinner /> Loading…
    </p>
  );
}

/** The signed-in pages' frame: a visitor without a session goes to sign-in, and comes back afterwards. */
function SignedIn({ children }: { children: ReactNode }) {
  const user = useRequireUser();
  const navigate = useNavigate();

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
          className="text-sm text-slate-700 hover:underline aria-[current=page]:font-semibold"
        >
          Admin
        </Link>
      )}
      <UserMenu user={user.data} onSignedOut={() => void navigate({ to: '/sign-in', replace: true })} />
    </nav>
  );
  return <AppShell nav={nav}>{children}</AppShell>;
}

/** A new page takes focus to its heading, as a full page load would put a screen reader at its start. */
function Root() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return; // the first page (also StrictMode's second run)
    shown.current = pathname;
    // The new page's heading: the old page may still be on screen for a moment, and it may load before it has one.
    const old = new Set(document.querySelectorAll('main h1'));
    return focusWhenReady(
      () =>
        [...document.querySelectorAll<HTMLElement>('main h1')].find((heading) => !old.has(heading)) ?? null,
    );
  }, [pathname]);
  return <Outlet />;
}

/** Read only below SignedIn, which renders nothing until the user is known. */
function useIsAdmin(): boolean {
  return useUser().data?.roles.includes('ADMIN') ?? false;
}

const rootRoute = createRootRoute({
  component: Root,
  notFoundComponent: () => (
    <SignedIn>
      <NotFoundRoute />
    </SignedIn>
  ),
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { next?: string } =>
    typeof search.next === 'string' ? { next: search.next } : {},
  component: SignInRoute,
});

const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  component: () => (
    <SignedIn>
      <Outlet />
    </SignedIn>
  ),
});

const homeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  beforeLoad: () => {
    // The router's redirects are thrown objects, not errors.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw redirect({ to: '/sessions', replace: true });
  },
});

const sessionsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/sessions',
  component: SessionsRoute,
});

const sessionRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/sessions/$sessionId',
  component: function Session() {
    const { sessionId } = sessionRoute.useParams();
    return <SessionRoute sessionId={sessionId} isAdmin={useIsAdmin()} />;
  },
});

const adminRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin',
  // The console's filter and page (`/admin?error_code=AI_UNAVAILABLE&page=1`); anything else is dropped.
  validateSearch: (search: Record<string, unknown>): ConsoleSearch =>
    Object.fromEntries(
      CONSOLE_PARAMS.flatMap((name) => (typeof search[name] === 'string' ? [[name, search[name]]] : [])),
    ),
  component: function Admin() {
    return useIsAdmin() ? (
      <Suspense fallback={<Loading />}>
        <AdminRoute />
      </Suspense>
    ) : (
      <AdminsOnlyRoute />
    );
  },
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  signedInRoute.addChildren([homeRoute, sessionsRoute, sessionRoute, adminRoute]),
]);

export function createAppRouter() {
  return createRouter({
    routeTree,
    parseSearch,
    stringifySearch,
    defaultErrorComponent: ({ error }) => <PageError error={error} />,
  });
}

export type AppRouter = ReturnType<typeof createAppRouter>;

declare module '@tanstack/react-router' {
  interface Register {
    router: AppRouter;
  }
}
