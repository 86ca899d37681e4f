import { useNavigate } from '@tanstack/react-router';

import { CreateSessionForm } from '@/features/sessions/components/CreateSessionForm';
import { SessionsList } from '@/features/sessions/components/SessionsList';

export function SessionsRoute() {
  const navigate = useNavigate();
  return (
    <div className="mx-auto max-w-3xl space-y-6 p-4">
      <h1 className="text-xl font-semibold">Your practice sessions</h1>
      <CreateSessionForm
        onCreated={(session) =>
          void navigate({ to: '/sessions/$sessionId', params: { sessionId: session.id } })
        }
      />
      <section aria-labelledby="sessions-heading" className="space-y-2">
        <h2 id="sessions-heading" className="text-sm font-semibold text-slate-700">
          Recent sessions
        </h2>
        <SessionsList />
      </section>
    </div>
  );
}
