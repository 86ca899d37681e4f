import { SessionView } from '@/features/sessions/components/SessionView';
import { SimulatorPanel } from '@/features/simulator/components/SimulatorPanel';

export function SessionRoute({ sessionId }: { sessionId: string }) {
  // Keyed by id: a different session starts with a fresh stream and fresh state.
  return <SessionView key={sessionId} sessionId={sessionId} aside={<SimulatorPanel />} />;
}
