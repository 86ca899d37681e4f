--liquibase formatted sql

--changeset rebound:009-max-attempts-from-worker
-- The number of attempts is the worker's retry policy, which its status events carry: unknown (null) until a worker
-- has taken the operation, instead of a guessed 4. Rows a worker already reported keep their number.
alter table operations alter column max_attempts drop default;
alter table operations alter column max_attempts drop not null;
update operations set max_attempts = null where attempt_count = 0 and status = 'PENDING';
