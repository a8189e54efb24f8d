package com.amazonaws.services.lambda.runtime.events;

import java.util.List;
import java.util.Map;

/**
 * Compile stub of aws-lambda-java-events' ScheduledEvent, the class it uses for EventBridge
 * events (see README.md). The real getTime() returns a Joda DateTime and is left out.
 */
public class ScheduledEvent {
    public String getAccount() { throw new UnsupportedOperationException("compile stub"); }
    public String getRegion() { throw new UnsupportedOperationException("compile stub"); }
    public Map<String, Object> getDetail() { throw new UnsupportedOperationException("compile stub"); }
    public String getDetailType() { throw new UnsupportedOperationException("compile stub"); }
    public String getSource() { throw new UnsupportedOperationException("compile stub"); }
    public String getId() { throw new UnsupportedOperationException("compile stub"); }
    public List<String> getResources() { throw new UnsupportedOperationException("compile stub"); }
}
