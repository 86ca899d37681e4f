import { describe, expect, it } from 'vitest';

import { formatRelative } from './time';

const NOW = Date.parse('2025-01-02T12:00:00Z');

describe('formatRelative', () => {
  it('uses the largest whole unit', () => {
    expect(formatRelative('2025-01-02T11:59:30Z', NOW)).toMatch(/30 seconds ago/);
    expect(formatRelative('2025-01-02T11:55:00Z', NOW)).toMatch(/5 minutes ago/);
    expect(formatRelative('2025-01-02T09:00:00Z', NOW)).toMatch(/3 hours ago/);
    expect(formatRelative('2024-12-29T12:00:00Z', NOW)).toMatch(/4 days ago/);
    expect(formatRelative('2024-10-01T12:00:00Z', NOW)).toMatch(/3 months ago/);
  });

  it('says "now" for this very moment and "—" without a time', () => {
    expect(formatRelative('2025-01-02T12:00:00Z', NOW)).toBe('now');
    expect(formatRelative(null, NOW)).toBe('—');
    expect(formatRelative('not a date', NOW)).toBe('—');
  });
});
