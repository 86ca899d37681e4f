import { http } from 'msw';

import type {
  AdminAction,
  DeadLetter,
  DeadLetterFilter,
  DeadLetterGroup,
  RedriveOutcome,
} from '@/features/dead-letters/api/types';

import { db, findOperation, operationHistory } from '../data';

import { answer } from './answer';
import { adminGuard, problem, record } from './utils';

const BASE = '*/api/v1/admin/dead-letters';
let auditIds = 500;

/** The gateway's filter semantics: absent means any, exception class also by simple name, state 'all'. */
function matches(letter: DeadLetter, filter: DeadLetterFilter): boolean {
  const exception = filter.exception_class?.trim();
  const state = filter.state ?? 'open';
  return (
    (!filter.error_code || letter.error_code === filter.error_code.trim().toUpperCase()) &&
    (!exception ||
      letter.exception_class === exception ||
      Boolean(letter.exception_class?.endsWith(`.${exception}`))) &&
    (!filter.operation_type || letter.operation_type === filter.operation_type) &&
    (state === 'all' || letter.state === state) &&
    (!filter.since || letter.dead_lettered_at >= filter.since) &&
    (!filter.until || letter.dead_lettered_at < filter.until)
  );
}

function filterFrom(params: URLSearchParams): DeadLetterFilter {
  const get = (name: string) => params.get(name) ?? undefined;
  return {
    error_code: get('error_code'),
    exception_class: get('exception_class'),
    operation_type: get('operation_type'),
    state: get('state') as DeadLetterFilter['state'],
    since: get('since'),
    until: get('until'),
  };
}

/** Open ones only, oldest first, as the gateway picks what to act on. */
function openMatching(filter: DeadLetterFilter = {}, max = Number.MAX_SAFE_INTEGER): DeadLetter[] {
  return db.deadLetters
    .map((detail) => detail.dead_letter)
    .filter((letter) => letter.state === 'open' && matches(letter, { ...filter, state: 'open' }))
    .sort((a, b) => a.dead_lettered_at.localeCompare(b.dead_lettered_at) || a.id - b.id)
    .slice(0, max);
}

function newAction(
  action: string,
  filter: unknown,
  dryRun: boolean,
  ids: number[],
): AdminAction & { ids: number[] } {
  const entry = {
    id: ++auditIds,
    actor: db.currentUser?.email ?? '?',
    action,
    filter: JSON.stringify(filter),
    dry_run: dryRun,
    matched: ids.length,
    affected: 0,
    detail: null,
    created_at: new Date().toISOString(),
    finished_at: null,
    ids,
  };
  db.adminActions.set(entry.id, entry);
  return entry;
}

export const deadLetterHandlers = [
  http.get('*/api/v1/admin/operations/:id/history', ({ request, params }) => {
    const denied = adminGuard(request);
    if (denied) return denied;
    // Any user's operation: the SRE is not its owner.
    const operation = findOperation(String(params.id));
    return operation
      ? answer('/api/v1/admin/operations/{id}/history', 'get', 200, operationHistory(operation))
      : problem(404, 'No such operation.');
  }),

  http.get(`${BASE}/summary`, ({ request }) => {
    const denied = adminGuard(request);
    if (denied) return denied;
    const state = new URL(request.url).searchParams.get('state') ?? 'open';
    const groups = new Map<string, DeadLetterGroup>();
    for (const { dead_letter: letter } of db.deadLetters) {
      if (state !== 'all' && letter.state !== state) continue;
      const key = [letter.error_code, letter.exception_class, letter.operation_type].join('|');
      const group = groups.get(key) ?? {
        error_code: letter.error_code,
        exception_class: letter.exception_class,
        operation_type: letter.operation_type,
        count: 0,
        oldest: letter.dead_lettered_at,
        newest: letter.dead_lettered_at,
      };
      group.count += 1;
      if (group.oldest && letter.dead_lettered_at < group.oldest) group.oldest = letter.dead_lettered_at;
      if (group.newest && letter.dead_lettered_at > group.newest) group.newest = letter.dead_lettered_at;
      groups.set(key, group);
    }
    const sorted = [...groups.values()].sort(
      (a, b) => b.count - a.count || a.error_code.localeCompare(b.error_code),
    );
    return answer('/api/v1/admin/dead-letters/summary', 'get', 200, {
      total: sorted.reduce((sum, group) => sum + group.count, 0),
      groups: sorted,
    });
  }),

  http.get(`${BASE}/actions/:auditId`, ({ request, params }) => {
    const denied = adminGuard(request);
    if (denied) return denied;
    const action = db.adminActions.get(Number(params.auditId));
    if (!action) return problem(404, 'No such action.');
    // The ids are the fake's bookkeeping, not part of the API.
    const view: AdminAction = {
      id: action.id,
      actor: action.actor,
      action: action.action,
      filter: action.filter,
      dry_run: action.dry_run,
      matched: action.matched,
      affected: action.affected,
      detail: action.detail,
      created_at: action.created_at,
      finished_at: action.finished_at,
    };
    return answer('/api/v1/admin/dead-letters/actions/{auditId}', 'get', 200, view);
  }),

  http.get(BASE, ({ request }) => {
    const denied = adminGuard(request);
    if (denied) return denied;
    const params = new URL(request.url).searchParams;
    const page = Number(params.get('page') ?? 0);
    const size = Number(params.get('size') ?? 50);
    const filter = filterFrom(params);
    const matching = db.deadLetters
      .map((detail) => detail.dead_letter)
      .filter((letter) => matches(letter, filter))
      .sort((a, b) => b.dead_lettered_at.localeCompare(a.dead_lettered_at) || b.id - a.id);
    return answer('/api/v1/admin/dead-letters', 'get', 200, {
      items: matching.slice(page * size, (page + 1) * size),
      page,
      size,
      total: matching.length,
    });
  }),

  http.get(`${BASE}/:id`, ({ request, params }) => {
    const denied = adminGuard(request);
    if (denied) return denied;
    const detail = db.deadLetters.find((candidate) => candidate.dead_letter.id === Number(params.id));
    return detail
      ? answer('/api/v1/admin/dead-letters/{id}', 'get', 200, structuredClone(detail))
      : problem(404, 'No such dead letter.');
  }),

  http.post(`${BASE}/redrive`, async ({ request }) => {
    await record(request);
    const denied = adminGuard(request);
    if (denied) return denied;
    const body = (await request.json()) as {
      filter?: DeadLetterFilter;
      ids?: number[];
      dry_run?: boolean;
      max_records?: number;
      rate_per_second?: number;
    };
    const rate = body.rate_per_second ?? 10;
    const byIds = Boolean(body.ids?.length);
    if (byIds === Boolean(body.filter)) {
      return problem(400, 'give either ids or a filter of the dead letters to redrive', {
        code: 'INVALID_FILTER',
      });
    }
    const ids = (
      byIds
        ? openMatching().filter((letter) => body.ids?.includes(letter.id))
        : openMatching(body.filter, body.max_records ?? 1000)
    ).map((letter) => letter.id);
    const target = byIds ? { ids: body.ids } : body.filter;
    // As the gateway: the worker's classification travels on the dead letter's rebound_transient header.
    const permanent = db.deadLetters.filter(
      (detail) => ids.includes(detail.dead_letter.id) && detail.headers.rebound_transient === 'false',
    ).length;
    if (body.dry_run) {
      const outcomes: Partial<Record<RedriveOutcome, number>> = {};
      for (const id of ids) {
        const letter = db.deadLetters.find((candidate) => candidate.dead_letter.id === id)?.dead_letter;
        const outcome: RedriveOutcome = letter?.operation_id ? 'would_redrive' : 'no_operation';
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
      const action = newAction('REDRIVE', target, true, ids);
      action.finished_at = action.created_at;
      return answer('/api/v1/admin/dead-letters/redrive', 'post', 200, {
        audit_id: action.id,
        dry_run: true,
        matched: ids.length,
        permanent,
        outcomes,
        rate_per_second: rate,
      });
    }
    const action = newAction('REDRIVE', target, false, ids);
    return answer(
      '/api/v1/admin/dead-letters/redrive',
      'post',
      202,
      {
        audit_id: action.id,
        dry_run: false,
        matched: ids.length,
        permanent,
        outcomes: {},
        rate_per_second: rate,
      },
      { Location: `/api/v1/admin/dead-letters/actions/${action.id}` },
    );
  }),

  http.post(`${BASE}/discard`, async ({ request }) => {
    await record(request);
    const denied = adminGuard(request);
    if (denied) return denied;
    const body = (await request.json()) as { filter?: DeadLetterFilter; ids?: number[]; reason?: string };
    if (!body.reason?.trim()) {
      return problem(400, 'a reason is required to discard dead letters', { code: 'INVALID_FILTER' });
    }
    const targets = body.ids?.length
      ? db.deadLetters.map((detail) => detail.dead_letter).filter((letter) => body.ids?.includes(letter.id))
      : openMatching(body.filter);
    const action = newAction(
      'DISCARD',
      body.filter ?? { ids: body.ids },
      false,
      targets.map((letter) => letter.id),
    );
    let discarded = 0;
    for (const letter of targets) {
      if (letter.state === 'open') {
        Object.assign(letter, {
          state: 'discarded',
          state_reason: body.reason,
          state_changed_by: db.currentUser?.email ?? null,
          state_changed_at: new Date().toISOString(),
        });
        discarded += 1;
      }
    }
    action.affected = discarded;
    action.finished_at = new Date().toISOString();
    return answer('/api/v1/admin/dead-letters/discard', 'post', 200, {
      audit_id: action.id,
      matched: targets.length,
      discarded,
    });
  }),
];
