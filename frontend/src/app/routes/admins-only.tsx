import { ShieldAlert } from 'lucide-react';

import { Link } from '@tanstack/react-router';

/** What a signed-in person without the ADMIN role sees at /admin. */
export function AdminsOnlyRoute() {
  return (
    <div className="mx-auto max-w-3xl space-y-2 p-4">
      <h1 className="flex items-center gap-2 text-xl font-semibold">
        <ShieldAlert aria-hidden="true" className="size-5 text-amber-600" />
        Admins only
      </h1>
      <p className="text-sm text-slate-700">
        This page is for administrators. Ask an administrator if you need to work with dead letters.
      </p>
      <Link to="/sessions" className="text-sm text-indigo-700 underline">
        Go to your sessions
      </Link>
    </div>
  );
}
