import { CreateSessionForm } from '@/features/sessions/components/CreateSessionForm';
import { SessionsList } from '@/features/sessions/components/SessionsList';
import { navigate } from '@/lib/navigation';

export function SessionsRoute() {
  return (
    <div className="mx-auto max-w-3xl space-y-6 p-4">
      <h1 className="text-xl font-semibold">Your practice sessions</h1>
      <CreateSessionForm onCreated={(session) => navigate(`/sessions/${encodeURIComponent(session.id)}`)} />
      <section aria-labelledby="sessions-heading" className="space-y-2">
        <h2 id="sessions-heading" className="text-sm font-semibold text-slate-700">
          Recent sessions
        </h2>
        <SessionsList />
      </section>
    </div>
  );
}
