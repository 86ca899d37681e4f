import { CircleAlert, LogIn } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/Button';
import { errorMessage, isApiError } from '@/lib/api-error';

import { useLogin } from '../api/login';
import type { User } from '../api/types';

export function SignInForm({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errorId = useId();
  const login = useLogin({ onSuccess: onSignedIn });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password });
  };

  const error = login.error
    ? isApiError(login.error) && login.error.status === 401
      ? (login.error.detail ?? 'Wrong email or password.')
      : errorMessage(login.error)
    : null;

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-describedby={error ? errorId : undefined}>
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">
          Email
        </label>
        <input
          id="email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none"
        />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium text-slate-700">
          Password
        </label>
        <input
          id="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none"
        />
      </div>
      {error && (
        <p
          id={errorId}
          role="alert"
          className="flex items-start gap-2 rounded-md bg-red-50 p-3 text-sm text-red-800"
        >
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          {error}
        </p>
      )}
      <Button
        type="submit"
        className="w-full"
        isLoading={login.isPending}
        disabled={!email.trim() || !password || login.isPending}
        icon={<LogIn aria-hidden="true" className="size-4" />}
      >
        Sign in
      </Button>
    </form>
  );
}
