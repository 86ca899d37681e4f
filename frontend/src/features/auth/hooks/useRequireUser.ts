import { useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';

import { signInSearch } from '@/lib/navigation';

import { useUser } from '../api/get-me';

/** The signed-in user; sends a visitor without a session to sign-in and back afterwards. */
export function useRequireUser() {
  const query = useUser();
  const signedOut = query.isSuccess && query.data === null;
  const navigate = useNavigate();
  const here = useLocation({ select: (location) => location.href });
  // While the router moves to sign-in, this page still renders once with the new location: leave it be.
  const onSignIn = here.startsWith('/sign-in');

  useEffect(() => {
    if (signedOut && !onSignIn) {
      void navigate({ to: '/sign-in', search: signInSearch(here), replace: true });
    }
  }, [signedOut, onSignIn, here, navigate]);

  return query;
}
