/** A fault the local AI simulator injects into its next answers. */
export interface SimulatorFault {
  id?: string | number;
  status?: number | null;
  /** How many more calls fail; absent or null means until cleared. */
  times?: number | null;
  remaining?: number | null;
  retry_after_seconds?: number | null;
  delay_ms?: number | null;
}

export interface SimulatorState {
  faults: SimulatorFault[];
}

export interface NewFault {
  status?: number;
  times?: number;
  retry_after_seconds?: number;
  delay_ms?: number;
}
