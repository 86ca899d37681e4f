--liquibase formatted sql

--changeset rebound:008-attempt-started-at
-- When the attempt in progress started, as the worker reported it: users see how long the AI call has run. Null while
-- no attempt runs (queued, waiting for a retry, finished) and for older rows.
alter table operations add column attempt_started_at timestamptz;
