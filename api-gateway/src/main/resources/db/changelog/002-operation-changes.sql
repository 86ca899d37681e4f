--liquibase formatted sql

--changeset rebound:002-operation-changes
-- Every change of a session's operations, in commit order. Its id is the Server-Sent Events id, so a client that
-- reconnects with Last-Event-ID gets exactly what it missed, from whichever gateway it reaches.
create table operation_changes (
    id           bigserial primary key,
    session_id   uuid        not null,
    operation_id uuid        not null,
    created_at   timestamptz not null default now()
);
create index operation_changes_session_idx on operation_changes (session_id, id);
