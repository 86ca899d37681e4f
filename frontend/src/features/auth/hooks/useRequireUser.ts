import { useEffect } from 'react';

import { currentPath, navigate, signInPath } from '@/lib/navigation';

import { useUser } from '../api/get-me';

/** The signed-in user; sends a visitor without a session to sign-in and back afterwards. */
export function useRequireUser() {
  const query = useUser();
  const signedOut = query.isSuccess && query.data === null;

  useEffect(() => {
    if (signedOut) {
      navigate(signInPath(currentPath()), { replace: true });
    }
  }, [signedOut]);

  return query;
}
