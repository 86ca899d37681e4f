import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';

import {
  addDeadLetters,
  addSession,
  buildDeadLetter,
  buildOperation,
  buildSession,
  db,
  progressAction,
  RETRIES_EXHAUSTED,
  signInAs,
} from '@/testing/data';
import { server } from '@/testing/server';
import { renderApp } from '@/testing/test-utils';

const POLL_WAIT = { timeout: 4_000 };

function postsTo(path: string) {
  return db.requests.filter((request) => request.method === 'POST' && request.path === path);
}

function seedTwoCauses() {
  signInAs('sre@example.com');
  addDeadLetters(
    buildDeadLetter({ id: 1, dead_lettered_at: '2025-01-01T10:00:00Z' }),
    buildDeadLetter({ id: 2, dead_lettered_at: '2025-01-01T10:05:00Z' }),
    buildDeadLetter({ id: 3, dead_lettered_at: '2025-01-01T10:10:00Z' }),
    buildDeadLetter({
      id: 4,
      error_code: 'AI_RATE_LIMITED',
      operation_type: 'feedback_analysis',
      dead_lettered_at: '2025-01-01T11:00:00Z',
    }),
    // Already discarded: neither in the summary nor in the default (open) list.
    buildDeadLetter({ id: 5, state: 'discarded', state_reason: 'noise' }),
  );
}

/** The rows of the dead-letter list, by the id each one's button names. */
async function listedIds(): Promise<string[]> {
  const table = await screen.findByRole('table', { name: 'Dead letters, newest first' });
  return within(table)
    .getAllByRole('button', { name: /^Open dead letter/ })
    .map((button) => button.textContent);
}

describe('the dead-letter console', () => {
  it('shows open dead letters by cause, and choosing a cause filters the list', async () => {
    seedTwoCauses();
    const { user } = renderApp('/admin');

    expect(await screen.findByRole('heading', { level: 1, name: 'Dead letters' })).toBeInTheDocument();
    const summary = await screen.findByRole('table', { name: /4 open dead letters in 2 groups/ });
    const rows = within(summary).getAllByRole('row').slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole('cell')
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      [
        'AI_UNAVAILABLE',
        'RetriesExhaustedException',
        'question_generation',
        '3',
        expect.any(String),
        expect.any(String),
      ],
      [
        'AI_RATE_LIMITED',
        'RetriesExhaustedException',
        'feedback_analysis',
        '1',
        expect.any(String),
        expect.any(String),
      ],
    ]);
    expect(within(rows[0] ?? summary).getAllByRole('time')[0]).toHaveAttribute(
      'dateTime',
      '2025-01-01T10:00:00Z',
    );
    expect(await listedIds()).toEqual(['#4', '#3', '#2', '#1']);

    await user.click(
      within(summary).getByRole('button', {
        name: /^AI_RATE_LIMITED, RetriesExhaustedException, feedback_analysis/,
      }),
    );

    await waitFor(async () => expect(await listedIds()).toEqual(['#4']));
    expect(within(summary).getByRole('button', { name: /^AI_RATE_LIMITED/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    expect(screen.getByRole('textbox', { name: 'Error code' })).toHaveValue('AI_RATE_LIMITED');
    expect(screen.getByRole('combobox', { name: 'Type' })).toHaveValue('feedback_analysis');
    const search = new URLSearchParams(window.location.search);
    expect(Object.fromEntries(search)).toEqual({
      error_code: 'AI_RATE_LIMITED',
      exception_class: RETRIES_EXHAUSTED,
      operation_type: 'feedback_analysis',
    });
  });

  it('filters on every operation type the API knows, model answers included', async () => {
    seedTwoCauses();
    addDeadLetters(
      buildDeadLetter({ id: 5, operation_type: 'model_answer', dead_lettered_at: '2025-01-01T12:00:00Z' }),
    );
    const { user } = renderApp('/admin');
    expect(await listedIds()).toEqual(['#5', '#4', '#3', '#2', '#1']);

    const type = screen.getByRole('combobox', { name: 'Type' });
    expect(
      within(type)
        .getAllByRole('option')
        .map((option) => option.getAttribute('value')),
    ).toEqual(expect.arrayContaining(['question_generation', 'feedback_analysis', 'model_answer']));
    await user.selectOptions(type, 'model_answer');
    await user.click(screen.getByRole('button', { name: 'Apply filter' }));

    await waitFor(async () => expect(await listedIds()).toEqual(['#5']));
    expect(new URLSearchParams(window.location.search).get('operation_type')).toBe('model_answer');
  });

  it('filters by state from the filter form and pages through the list', async () => {
    seedTwoCauses();
    addDeadLetters(
      ...Array.from({ length: 50 }, (_, i) =>
        buildDeadLetter({
          id: 1000 + i,
          dead_lettered_at: `2025-01-02T10:${String(i).padStart(2, '0')}:00Z`,
        }),
      ),
    );
    const { user } = renderApp('/admin');

    expect(await screen.findByText('1–50 of 54')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('51–54 of 54')).toBeInTheDocument();
    expect(await listedIds()).toEqual(['#4', '#3', '#2', '#1']);

    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'discarded');
    await user.click(screen.getByRole('button', { name: 'Apply filter' }));

    await waitFor(async () => expect(await listedIds()).toEqual(['#5']));
    expect(screen.getByRole('button', { name: 'Redrive…' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Discard…' })).toBeDisabled();
  });

  it('opens a dead letter with its headers and payload, and Escape closes it', async () => {
    seedTwoCauses();
    const { user } = renderApp('/admin');

    const open = await screen.findByRole('button', { name: 'Open dead letter 4' });
    await user.click(open);

    const drawer = await screen.findByRole('dialog', { name: 'Dead letter #4' });
    const headers = await within(drawer).findByRole('region', { name: 'Headers' });
    expect(within(headers).getByRole('rowheader', { name: 'rebound_error_code' })).toBeInTheDocument();
    expect(within(headers).getByRole('cell', { name: 'AI_RATE_LIMITED' })).toBeInTheDocument();
    const payload = within(drawer).getByRole('region', { name: 'Payload' });
    expect(payload).toHaveTextContent('"operation_type": "feedback_analysis"');
    expect(within(drawer).getByText('AI service answered 503 four times')).toBeInTheDocument();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(open).toHaveFocus();
  });

  it('redrives only after a dry run whose counts were confirmed, then follows it until it finishes', async () => {
    seedTwoCauses();
    addDeadLetters(buildDeadLetter({ id: 6, operation_id: null, dead_lettered_at: '2025-01-01T09:00:00Z' }));
    const { user } = renderApp('/admin?error_code=AI_UNAVAILABLE');

    await waitFor(async () => expect(await listedIds()).toEqual(['#3', '#2', '#1', '#6']));
    await user.click(screen.getByRole('button', { name: 'Redrive…' }));

    const dialog = await screen.findByRole('dialog', { name: 'Redrive dead letters' });
    expect(dialog).toHaveAccessibleDescription('Open dead letters matching error code AI_UNAVAILABLE.');
    expect(await within(dialog).findByText('4 open dead letters match.')).toBeInTheDocument();
    const dryRun = within(dialog).getByRole('list', { name: 'Dry run' });
    expect(
      within(dryRun)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['3 will be redriven', '1 has no operation']);
    // Nothing real has been sent yet: only the dry run.
    expect(postsTo('/api/v1/admin/dead-letters/redrive').map((request) => request.body)).toEqual([
      {
        filter: { error_code: 'AI_UNAVAILABLE', state: 'open' },
        dry_run: true,
        max_records: 1000,
        rate_per_second: 10,
      },
    ]);

    const rate = within(dialog).getByRole('spinbutton', { name: 'Rate (per second)' });
    expect(rate).toHaveValue(10);
    expect(rate).toHaveFocus();
    await user.clear(rate);
    await user.type(rate, '5');
    await user.click(within(dialog).getByRole('button', { name: 'Redrive 3' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const bodies = postsTo('/api/v1/admin/dead-letters/redrive').map((request) => request.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual({
      filter: { error_code: 'AI_UNAVAILABLE', state: 'open' },
      dry_run: false,
      max_records: 1000,
      rate_per_second: 5,
    });

    const [auditId] = [...db.adminActions.values()]
      .filter((action) => !action.dry_run)
      .map((action) => action.id);
    if (auditId === undefined) throw new Error('the redrive should have been audited');
    const progress = await screen.findByRole('region', { name: `Redrive #${auditId} running` });
    expect(await within(progress).findByText('0 of 4 done: 0 dead letters redriven.')).toBeInTheDocument();

    progressAction(auditId, { affected: 2 });
    expect(
      await within(progress).findByText('2 of 4 done: 2 dead letters redriven.', {}, POLL_WAIT),
    ).toBeInTheDocument();
    expect(
      within(progress).getByRole('progressbar', { name: `Redrive #${auditId} progress` }),
    ).toHaveAttribute('value', '2');

    progressAction(auditId, { affected: 3, skipped: { no_operation: 1 }, finished: true });
    const finished = await screen.findByRole('region', { name: `Redrive #${auditId} finished` }, POLL_WAIT);
    expect(
      within(finished).getByText('4 of 4 done: 3 dead letters redriven, skipped: 1 no operation.'),
    ).toBeInTheDocument();
    // A toast, and the same sentence for screen readers.
    const done = 'Redrive finished: 3 dead letters redriven, skipped: 1 no operation.';
    await waitFor(() => expect(screen.getByTestId('live-region')).toHaveTextContent(done));
    expect(
      screen.getAllByText(done).filter((node) => !screen.getByTestId('live-region').contains(node)),
    ).toHaveLength(1);
    // The lists were refreshed: only the dead letter without an operation is still open.
    await waitFor(async () => expect(await listedIds()).toEqual(['#6']));

    // Finished: the polling stops.
    let polls = 0;
    const countPolls = ({ request }: { request: Request }) => {
      if (request.url.includes('/dead-letters/actions/')) polls += 1;
    };
    server.events.on('request:start', countPolls);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    server.events.removeListener('request:start', countPolls);
    expect(polls).toBe(0);
    await user.click(within(finished).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('region', { name: /Redrive #/ })).not.toBeInTheDocument();
  }, 15_000); // real one-second polling, twice

  it('does not discard without a reason, and discards the open matches with one', async () => {
    seedTwoCauses();
    const { user } = renderApp('/admin?error_code=AI_UNAVAILABLE');

    await waitFor(async () => expect(await listedIds()).toEqual(['#3', '#2', '#1']));
    await user.click(screen.getByRole('button', { name: 'Discard…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Discard dead letters' });
    expect(await within(dialog).findByTestId('discard-count')).toHaveTextContent(
      /3 open dead letters match\./,
    );
    const reason = within(dialog).getByRole('textbox', { name: 'Reason (required)' });
    expect(reason).toHaveFocus();

    await user.type(reason, '   ');
    await user.click(within(dialog).getByRole('button', { name: 'Discard 3' }));

    expect(within(dialog).getByRole('alert')).toHaveTextContent('Give a reason to discard.');
    expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(reason).toHaveFocus();
    expect(postsTo('/api/v1/admin/dead-letters/discard')).toEqual([]);

    await user.type(reason, 'load test noise');
    await user.click(within(dialog).getByRole('button', { name: 'Discard 3' }));

    expect(await screen.findByText('Discarded 3 dead letters.')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(postsTo('/api/v1/admin/dead-letters/discard').map((request) => request.body)).toEqual([
      { filter: { error_code: 'AI_UNAVAILABLE', state: 'open' }, reason: 'load test noise' },
    ]);
    expect(await screen.findByText('No dead letters match this filter.')).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: /1 open dead letter in 1 group/ })).toBeInTheDocument();
  });

  it('discards a single dead letter from its detail, and shows the problem when the server refuses', async () => {
    seedTwoCauses();
    const { user } = renderApp('/admin');

    await user.click(await screen.findByRole('button', { name: 'Open dead letter 4' }));
    const drawer = await screen.findByRole('dialog', { name: 'Dead letter #4' });
    await user.click(await within(drawer).findByRole('button', { name: 'Discard this dead letter…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Discard dead letters' });
    expect(within(dialog).getByTestId('discard-count')).toHaveTextContent('1 dead letter selected.');
    server.use(
      http.post('*/api/v1/admin/dead-letters/discard', () =>
        HttpResponse.json(
          {
            title: 'Bad Request',
            status: 400,
            code: 'INVALID_FILTER',
            detail: 'a reason is required to discard dead letters',
          },
          { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      ),
    );
    await user.type(within(dialog).getByRole('textbox', { name: 'Reason (required)' }), 'duplicate');
    await user.click(within(dialog).getByRole('button', { name: 'Discard 1' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'a reason is required to discard dead letters',
    );

    // Escape closes the innermost dialog only.
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Discard dead letters' })).not.toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Dead letter #4' })).toBeInTheDocument();
  });
});

describe('dead letters the user already fixed, and one-record redrives', () => {
  function seedResolvedChain() {
    signInAs('sre@example.com');
    const failed = buildOperation({
      id: 'op-failed',
      session_id: 'session-ada',
      status: 'failed',
      attempt_count: 4,
      error_code: 'AI_UNAVAILABLE',
      error_message: 'The AI service kept failing after 4 attempts. What to do: press Retry in a minute.',
      retried_by_operation_id: 'op-retry',
    });
    const retry = buildOperation({
      id: 'op-retry',
      session_id: 'session-ada',
      status: 'completed',
      parent_operation_id: 'op-failed',
      retry_count: 1,
      attempt_count: 1,
      result: 'What is a B-tree?',
      finished_at: '2025-01-01T10:02:00Z',
    });
    addSession(buildSession({ id: 'session-ada', operations: [failed, retry] }));
    db.attempts.set('op-failed', [
      {
        number: 1,
        started_at: '2025-01-01T10:00:00Z',
        ended_at: '2025-01-01T10:00:01Z',
        outcome: 'failed',
        error_class: 'InternalServerException',
        http_status: 503,
        error_message: 'The AI service was unavailable (HTTP 503)',
        next_retry_at: null,
      },
    ]);
    addDeadLetters(
      buildDeadLetter({
        id: 7,
        operation_id: 'op-failed',
        state: 'resolved',
        state_changed_by: 'ada@example.com',
        state_changed_at: '2025-01-01T10:02:00Z',
        state_reason: 'resolved by retry op-retry',
        resolved_by_operation_id: 'op-retry',
      }),
      buildDeadLetter({ id: 8, dead_lettered_at: '2025-01-01T10:05:00Z' }),
    );
  }

  it("leaves a dead letter resolved by the user's retry out of the open counts and shows why", async () => {
    seedResolvedChain();
    const { user } = renderApp('/admin');

    expect(await screen.findByRole('table', { name: /1 open dead letter in 1 group/ })).toBeInTheDocument();
    await waitFor(async () => expect(await listedIds()).toEqual(['#8']));

    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'resolved');
    await user.click(screen.getByRole('button', { name: 'Apply filter' }));
    await waitFor(async () => expect(await listedIds()).toEqual(['#7']));
    const table = screen.getByRole('table', { name: 'Dead letters, newest first' });
    expect(within(table).getByText("resolved by the user's retry")).toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: 'Open dead letter 7' }));
    const drawer = await screen.findByRole('dialog', { name: 'Dead letter #7' });
    expect(await within(drawer).findByRole('note')).toHaveTextContent(
      "Resolved by the user's retry: a later operation of this retry chain completed",
    );
    expect(within(drawer).queryByRole('button', { name: /Redrive/ })).not.toBeInTheDocument();

    await user.click(within(drawer).getByRole('button', { name: "The operation's history" }));
    const chain = await within(drawer).findByRole('list', { name: 'Retry chain, oldest first' });
    const entries = within(chain)
      .getAllByRole('listitem')
      .filter((item) => item.parentElement === chain);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toHaveTextContent('Original request, by the user · failed(this dead letter)');
    // The worker's message names the HTTP status already: it is said once.
    expect(entries[0]).toHaveTextContent('Attempt 1 failed: The AI service was unavailable (HTTP 503)');
    expect(entries[0]).not.toHaveTextContent('(HTTP 503) (HTTP 503)');
    expect(entries[1]).toHaveTextContent("Retry 1, by the user's Retry · completed");
  });

  it('redrives the one open dead letter of the drawer by id, after its dry run', async () => {
    seedResolvedChain();
    const { user } = renderApp('/admin');

    await user.click(await screen.findByRole('button', { name: 'Open dead letter 8' }));
    const drawer = await screen.findByRole('dialog', { name: 'Dead letter #8' });
    await user.click(await within(drawer).findByRole('button', { name: 'Redrive this dead letter…' }));

    const dialog = await screen.findByRole('dialog', { name: 'Redrive dead letters' });
    expect(dialog).toHaveAccessibleDescription('Dead letter #8, if it is still open.');
    expect(await within(dialog).findByText('1 open dead letter matches.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Redrive 1' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(postsTo('/api/v1/admin/dead-letters/redrive').map((request) => request.body)).toEqual([
      { ids: [8], dry_run: true, max_records: 1000, rate_per_second: 10 },
      { ids: [8], dry_run: false, max_records: 1000, rate_per_second: 10 },
    ]);
    expect(await screen.findByRole('region', { name: /^Redrive #\d+ running$/ })).toBeInTheDocument();
  });

  it('warns before a redrive that includes permanent failures and waits for a yes', async () => {
    signInAs('sre@example.com');
    addDeadLetters(
      buildDeadLetter({ id: 21 }, { headers: { rebound_transient: 'true' } }),
      buildDeadLetter({ id: 22, error_code: 'AI_REJECTED' }, { headers: { rebound_transient: 'false' } }),
    );
    const { user } = renderApp('/admin');

    await waitFor(async () => expect(await listedIds()).toEqual(['#22', '#21']));
    await user.click(screen.getByRole('button', { name: 'Redrive…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Redrive dead letters' });

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      '1 of the 2 failed permanently. The worker did not retry them',
    );
    const start = within(dialog).getByRole('button', { name: 'Redrive 2' });
    expect(start).toBeDisabled();
    await user.click(
      within(dialog).getByRole('checkbox', { name: 'Redrive them anyway (the cause was fixed)' }),
    );
    expect(start).toBeEnabled();
    await user.click(start);
    await waitFor(() => expect(postsTo('/api/v1/admin/dead-letters/redrive')).toHaveLength(2));
  });
});

describe('the admin area', () => {
  it('is linked in the header for admins', async () => {
    signInAs('sre@example.com');
    renderApp('/sessions');

    expect(await screen.findByRole('link', { name: 'Admin' })).toHaveAttribute('href', '/admin');
  });

  it('is neither linked nor shown to someone who is not an admin', async () => {
    signInAs('ada@example.com');
    renderApp('/admin');

    expect(await screen.findByRole('heading', { level: 1, name: 'Admins only' })).toBeInTheDocument();
    expect(screen.getByText(/This page is for administrators/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Admin' })).not.toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
