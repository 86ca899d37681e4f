import { LogOut } from 'lucide-react';

import { Button } from '@/components/ui/Button';

import { useLogout } from '../api/logout';
import type { User } from '../api/types';

export function UserMenu({ user, onSignedOut }: { user: User; onSignedOut: () => void }) {
  const logout = useLogout({ onSuccess: onSignedOut });
  return (
    <div className="flex items-center gap-3">
      <span className="hidden text-sm text-slate-600 sm:inline" title={user.email}>
        {user.display_name}
      </span>
      <Button
        variant="secondary"
        onClick={() => logout.mutate()}
        isLoading={logout.isPending}
        icon={<LogOut aria-hidden="true" className="size-4" />}
      >
        Sign out
      </Button>
    </div>
  );
}
