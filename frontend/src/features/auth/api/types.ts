import type { components } from '@/lib/api/openapi';

/** The signed-in user, generated from docs/openapi.json. */
export type User = components['schemas']['Me'];
export type Role = 'USER' | 'ADMIN';

export type Credentials = components['schemas']['LoginRequest'];
