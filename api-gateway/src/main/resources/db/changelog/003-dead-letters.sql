--liquibase formatted sql

--changeset rebound:003-dead-letters
-- An index of the dead-letter topic for SREs. The topic stays the durable record; this table adds what Kafka cannot:
-- filtering, grouping by cause, and the state of each dead letter.
create table dead_letters (
    id                  bigserial primary key,
    topic               varchar(249) not null,
    kafka_partition     int          not null,
    kafka_offset        bigint       not null,
    message_key         text,
    operation_id        uuid,
    operation_type      varchar(40),
    error_code          varchar(40)  not null,
    exception_class     varchar(300),
    exception_message   text,
    reason              text,
    original_topic      varchar(249),
    original_partition  int,
    original_offset     bigint,
    attempts            int,
    headers             jsonb        not null,
    payload             bytea,
    dead_lettered_at    timestamptz  not null,
    indexed_at          timestamptz  not null default now(),
    state               varchar(20)  not null default 'OPEN',
    state_changed_at    timestamptz,
    state_changed_by    varchar(320),
    state_reason        text,
    redrive_operation_id uuid,
    constraint dead_letters_record_unique unique (topic, kafka_partition, kafka_offset)
);
create index dead_letters_state_time_idx on dead_letters (state, dead_lettered_at);
create index dead_letters_operation_idx on dead_letters (operation_id);

--changeset rebound:003-admin-audit
create table admin_audit (
    id          bigserial primary key,
    actor       varchar(320) not null,
    action      varchar(40)  not null,
    filter      jsonb,
    dry_run     boolean      not null default false,
    matched     int          not null default 0,
    affected    int          not null default 0,
    detail      text,
    created_at  timestamptz  not null default now(),
    finished_at timestamptz
);
create index admin_audit_created_idx on admin_audit (created_at desc);
