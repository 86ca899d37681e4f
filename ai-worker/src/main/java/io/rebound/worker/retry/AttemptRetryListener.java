package io.rebound.worker.retry;

import io.rebound.common.LogValue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.RetryListener;

/**
 * Logs what the error handler decides: each failed delivery it will consider retrying, and a failed dead-letter
 * publish, after which the record stays uncommitted and is delivered again.
 */
class AttemptRetryListener implements RetryListener {

    private static final Logger log = LoggerFactory.getLogger(AttemptRetryListener.class);

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
        log.debug(
                "delivery {} of {}-{}@{} failed", deliveryAttempt, record.topic(), record.partition(), record.offset());
    }

    @Override
    public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
        log.error(
                "dead-letter publish failed; record stays uncommitted and will be redelivered topic={} partition={}"
                        + " offset={} key=\"{}\" error=\"{}\"",
                record.topic(),
                record.partition(),
                record.offset(),
                LogValue.of(record.key()),
                LogValue.of(failure));
    }
}
