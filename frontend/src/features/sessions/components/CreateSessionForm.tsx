import { Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/Button';

import { useCreateSession } from '../api/create-session';
import type { SessionDetail } from '../api/types';

export const ROLE_CHOICES = ['Backend engineer', 'Data scientist'] as const;
const OTHER = 'other';

export function CreateSessionForm({ onCreated }: { onCreated: (session: SessionDetail) => void }) {
  const [choice, setChoice] = useState<string>(ROLE_CHOICES[0]);
  const [otherRole, setOtherRole] = useState('');
  const create = useCreateSession({ onSuccess: onCreated });
  const role = choice === OTHER ? otherRole.trim() : choice;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (role) {
      create.mutate(role);
    }
  };

  return (
    <form onSubmit={submit} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <fieldset className="space-y-2">
        <legend className="text-sm font-semibold text-slate-800">Practise for the role of</legend>
        {ROLE_CHOICES.map((option) => (
          <label key={option} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              name="role"
              value={option}
              checked={choice === option}
              onChange={() => setChoice(option)}
              className="accent-indigo-600"
            />
            {option}
          </label>
        ))}
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="role"
            value={OTHER}
            checked={choice === OTHER}
            onChange={() => setChoice(OTHER)}
            className="accent-indigo-600"
          />
          Other
        </label>
        {choice === OTHER && (
          <div className="pl-6">
            <label htmlFor="other-role" className="sr-only">
              Role
            </label>
            <input
              id="other-role"
              type="text"
              value={otherRole}
              maxLength={100}
              placeholder="e.g. Site reliability engineer"
              onChange={(event) => setOtherRole(event.target.value)}
              className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none"
            />
          </div>
        )}
      </fieldset>
      <Button
        type="submit"
        isLoading={create.isPending}
        disabled={!role || create.isPending}
        icon={<Plus aria-hidden="true" className="size-4" />}
      >
        Start session
      </Button>
    </form>
  );
}
