package com.amazonaws.services.lambda.runtime.events;

import java.util.List;
import java.util.Map;

/** Compile stub of aws-lambda-java-events' SQSEvent (see README.md). */
public class SQSEvent {
    public List<SQSMessage> getRecords() { throw new UnsupportedOperationException("compile stub"); }

    public static class SQSMessage {
        public String getMessageId() { throw new UnsupportedOperationException("compile stub"); }
        public String getReceiptHandle() { throw new UnsupportedOperationException("compile stub"); }
        public String getBody() { throw new UnsupportedOperationException("compile stub"); }
        public Map<String, String> getAttributes() { throw new UnsupportedOperationException("compile stub"); }
        public String getEventSourceArn() { throw new UnsupportedOperationException("compile stub"); }
    }
}
