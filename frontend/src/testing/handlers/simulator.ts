import { http, HttpResponse } from 'msw';

import type { SimulatorFault } from '@/features/simulator/api/types';

import { db } from '../data';

import { adminGuard, problem, record } from './utils';

/** The gateway's simulator proxy: ADMIN only (403 for anyone else), 404 outside the local profile. */
export const simulatorHandlers = [
  http.get('*/api/v1/dev/simulator', ({ request }) => {
    const denied = adminGuard(request);
    if (denied) return denied;
    return db.simulator.available
      ? HttpResponse.json({ faults: db.simulator.faults })
      : problem(404, 'No simulator here.');
  }),

  http.post('*/api/v1/dev/simulator/faults', async ({ request }) => {
    await record(request);
    const denied = adminGuard(request);
    if (denied) return denied;
    const fault = (await request.json()) as SimulatorFault;
    db.simulator.faults.push(fault);
    return HttpResponse.json(fault, { status: 201 });
  }),

  http.delete('*/api/v1/dev/simulator/faults', async ({ request }) => {
    await record(request);
    const denied = adminGuard(request);
    if (denied) return denied;
    db.simulator.faults = [];
    return new HttpResponse(null, { status: 204 });
  }),
];
