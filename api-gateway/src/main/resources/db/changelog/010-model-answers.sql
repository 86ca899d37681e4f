--liquibase formatted sql

--changeset rebound:010-model-answers
-- One model answer per question: a user asks once, and a failed one is retried along its own chain (whose retries
-- carry a parent), so two gateways racing on the same click cannot both start one.
create unique index operations_one_model_answer_per_question
    on operations (message_id)
    where operation_type = 'MODEL_ANSWER' and parent_operation_id is null;
