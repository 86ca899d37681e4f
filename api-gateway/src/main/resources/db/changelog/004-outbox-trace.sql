--liquibase formatted sql

--changeset rebound:004-outbox-trace
-- The W3C traceparent of the request that wrote the event, so one trace follows an operation from the HTTP request
-- through the relay, the worker and back.
alter table outbox_events add column trace_parent varchar(64);
