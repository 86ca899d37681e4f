--liquibase formatted sql

--changeset rebound:001-users
create table users (
    id            uuid primary key,
    email         varchar(320) not null,
    password_hash varchar(100) not null,
    display_name  varchar(200) not null,
    role          varchar(20)  not null,
    created_at    timestamptz  not null default now(),
    constraint users_email_unique unique (email)
);

--changeset rebound:001-interview-sessions
create table interview_sessions (
    id         uuid primary key,
    owner_id   uuid         not null references users (id),
    role       varchar(200) not null,
    created_at timestamptz  not null
);
create index interview_sessions_owner_idx on interview_sessions (owner_id, created_at desc);

--changeset rebound:001-operations
create table operations (
    id                  uuid primary key,
    operation_type      varchar(40)  not null,
    status              varchar(20)  not null,
    params              jsonb        not null,
    result              text,
    error_code          varchar(40),
    error_message       text,
    last_attempt_error  text,
    next_retry_at       timestamptz,
    parent_operation_id uuid references operations (id),
    retry_count         int          not null default 0,
    attempt_count       int          not null default 0,
    max_attempts        int          not null default 4,
    session_id          uuid references interview_sessions (id),
    message_id          uuid,
    owner_id            uuid references users (id),
    requested_by        varchar(320) not null,
    source              varchar(20)  not null,
    deadline_at         timestamptz  not null,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    finished_at         timestamptz,
    version             bigint       not null default 0,
    -- One retry per failed operation, whatever the number of clicks or gateways.
    constraint operations_one_retry_per_parent unique (parent_operation_id),
    constraint operations_retry_count_non_negative check (retry_count >= 0)
);
create index operations_session_idx on operations (session_id, created_at);
create index operations_open_deadline_idx on operations (deadline_at) where status in ('PENDING', 'PROCESSING');

--changeset rebound:001-session-messages
create table session_messages (
    id                  uuid primary key,
    session_id          uuid        not null references interview_sessions (id),
    kind                varchar(20) not null,
    content             text        not null,
    operation_id        uuid references operations (id),
    reply_to_message_id uuid references session_messages (id),
    created_at          timestamptz not null,
    -- An operation's result is stored once, however often its completion is delivered.
    constraint session_messages_one_per_operation unique (operation_id)
);
create index session_messages_session_idx on session_messages (session_id, created_at);
alter table operations add constraint operations_message_fk foreign key (message_id) references session_messages (id);

--changeset rebound:001-operation-attempts
create table operation_attempts (
    id            bigserial primary key,
    operation_id  uuid        not null references operations (id),
    number        int         not null,
    started_at    timestamptz,
    ended_at      timestamptz,
    outcome       varchar(20) not null,
    error_class   varchar(200),
    http_status   int,
    error_message text,
    next_retry_at timestamptz,
    constraint operation_attempts_unique unique (operation_id, number)
);

--changeset rebound:001-outbox
create table outbox_events (
    id           bigserial primary key,
    aggregate_id uuid         not null,
    topic        varchar(249) not null,
    message_key  varchar(200) not null,
    payload      text         not null,
    created_at   timestamptz  not null default now(),
    published_at timestamptz
);
create index outbox_events_unpublished_idx on outbox_events (id) where published_at is null;
