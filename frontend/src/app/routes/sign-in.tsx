import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { RotateCcw } from 'lucide-react';
import { useEffect } from 'react';

import { useUser } from '@/features/auth/api/get-me';
import { SignInForm } from '@/features/auth/components/SignInForm';
import { safeNextPath } from '@/lib/navigation';

const route = getRouteApi('/sign-in');

export function SignInRoute() {
  const next = safeNextPath(route.useSearch().next);
  const navigate = useNavigate();
  // `next` is a whole path with its own query: the router parses it.
  const goOn = () => void navigate({ href: next, replace: true });
  const user = useUser();
  const signedIn = !!user.data;

  // Someone already signed in (another tab, a back button) goes on at once, not on every render.
  useEffect(() => {
    if (signedIn) {
      void navigate({ href: next, replace: true });
    }
  }, [signedIn, next, navigate]);

  return (
    <main id="main" className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm space-y-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <div className="space-y-1 text-center">
          <RotateCcw aria-hidden="true" className="mx-auto size-8 text-indigo-600" />
          <h1 className="text-2xl font-semibold">Sign in to Rebound</h1>
          <p className="text-sm text-slate-600">
            Practise interviews with an AI that recovers from failures.
          </p>
        </div>
        <SignInForm onSignedIn={goOn} />
      </div>
    </main>
  );
}
