import { SessionView } from '@/features/sessions/components/SessionView';
import { SimulatorPanel } from '@/features/simulator/components/SimulatorPanel';

/** The simulator panel is for administrators (the gateway answers 403 to anyone else), so only they get it here. */
export function SessionRoute({ sessionId, isAdmin }: { sessionId: string; isAdmin: boolean }) {
  // Keyed by id: a different session starts with a fresh stream and fresh state.
  return (
    <SessionView key={sessionId} sessionId={sessionId} aside={isAdmin ? <SimulatorPanel /> : undefined} />
  );
}
