package io.rebound.worker.retry;

/** The model answered, but refused or produced nothing: asking again the same way will not help. */
public class ContentRefusedException extends RuntimeException {

    public ContentRefusedException(String message) {
        super(message);
    }
}
