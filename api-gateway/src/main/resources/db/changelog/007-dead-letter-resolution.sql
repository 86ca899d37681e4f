--liquibase formatted sql

--changeset rebound:007-dead-letter-resolution
-- A dead letter whose operation a later retry of its chain completed is resolved: the user has an answer, so an SRE has
-- nothing left to do. The column names the operation that resolved it.
alter table dead_letters add column resolved_by_operation_id uuid;

-- Dead letters indexed before this change whose chain has completed since.
with recursive descendants (root, id) as (
    select d.operation_id, o.id
    from dead_letters d
    join operations o on o.parent_operation_id = d.operation_id
    where d.state = 'OPEN'
    union
    select ds.root, o.id
    from descendants ds
    join operations o on o.parent_operation_id = ds.id
)
update dead_letters d
set state = 'RESOLVED',
    state_changed_at = o.finished_at,
    state_changed_by = o.requested_by,
    state_reason = 'resolved by retry ' || o.id,
    resolved_by_operation_id = o.id
from descendants ds
join operations o on o.id = ds.id and o.status = 'COMPLETED'
where d.state = 'OPEN' and d.operation_id = ds.root;
