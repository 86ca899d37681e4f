--liquibase formatted sql

--changeset rebound:005-operation-request-digest
-- A digest of the request an operation was created from, as it went out on (or came in from) Kafka. An event whose
-- request has another digest is not about this operation, whatever id it names. Null for older rows: not checked.
alter table operations add column request_digest varchar(64);

--changeset rebound:005-dead-letters-topic-incarnation
-- A dead-letter topic that is deleted and created again starts its offsets at 0: its new records must not collide
-- with the index rows of the old ones. A record's timestamp tells the two apart; a redelivery keeps it.
alter table dead_letters drop constraint dead_letters_record_unique;
alter table dead_letters add constraint dead_letters_record_unique
    unique (topic, kafka_partition, kafka_offset, dead_lettered_at);
