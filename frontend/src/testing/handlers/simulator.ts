import { http, HttpResponse } from 'msw';

import type { SimulatorFault } from '@/features/simulator/api/types';

import { db } from '../data';

import { guard, problem, record } from './utils';

export const simulatorHandlers = [
  http.get('*/api/v1/dev/simulator', ({ request }) => {
    const denied = guard(request);
    if (denied) return denied;
    return db.simulator.available
      ? HttpResponse.json({ faults: db.simulator.faults })
      : problem(404, 'No simulator here.');
  }),

  http.post('*/api/v1/dev/simulator/faults', async ({ request }) => {
    await record(request);
    const denied = guard(request);
    if (denied) return denied;
    const fault = (await request.json()) as SimulatorFault;
    db.simulator.faults.push(fault);
    return HttpResponse.json(fault, { status: 201 });
  }),

  http.delete('*/api/v1/dev/simulator/faults', async ({ request }) => {
    await record(request);
    const denied = guard(request);
    if (denied) return denied;
    db.simulator.faults = [];
    return new HttpResponse(null, { status: 204 });
  }),
];
