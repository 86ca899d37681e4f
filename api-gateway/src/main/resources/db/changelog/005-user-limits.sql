--liquibase formatted sql

--changeset rebound:005-operations-owner-indexes
-- The per-user limits count a user's open operations and those started in the last minute on every new one.
create index operations_owner_open_idx on operations (owner_id) where status in ('PENDING', 'PROCESSING');
create index operations_owner_created_idx on operations (owner_id, created_at);
