package com.amazonaws.services.lambda.runtime.events;

import java.util.List;

/** Compile stub of aws-lambda-java-events' SQSBatchResponse (Lombok constructors; see README.md). */
public class SQSBatchResponse {
    public SQSBatchResponse() { throw new UnsupportedOperationException("compile stub"); }
    public SQSBatchResponse(List<BatchItemFailure> batchItemFailures) { throw new UnsupportedOperationException("compile stub"); }

    public List<BatchItemFailure> getBatchItemFailures() { throw new UnsupportedOperationException("compile stub"); }

    public static class BatchItemFailure {
        public BatchItemFailure() { throw new UnsupportedOperationException("compile stub"); }
        public BatchItemFailure(String itemIdentifier) { throw new UnsupportedOperationException("compile stub"); }

        public String getItemIdentifier() { throw new UnsupportedOperationException("compile stub"); }
    }
}
