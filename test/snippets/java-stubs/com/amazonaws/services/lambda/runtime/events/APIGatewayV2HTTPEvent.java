package com.amazonaws.services.lambda.runtime.events;

import java.util.List;
import java.util.Map;

/** Compile stub of aws-lambda-java-events' APIGatewayV2HTTPEvent (getters Lombok generates; see README.md). */
public class APIGatewayV2HTTPEvent {
    public String getVersion() { throw new UnsupportedOperationException("compile stub"); }
    public String getRouteKey() { throw new UnsupportedOperationException("compile stub"); }
    public String getRawPath() { throw new UnsupportedOperationException("compile stub"); }
    public String getRawQueryString() { throw new UnsupportedOperationException("compile stub"); }
    public List<String> getCookies() { throw new UnsupportedOperationException("compile stub"); }
    public Map<String, String> getHeaders() { throw new UnsupportedOperationException("compile stub"); }
    public Map<String, String> getQueryStringParameters() { throw new UnsupportedOperationException("compile stub"); }
    public Map<String, String> getPathParameters() { throw new UnsupportedOperationException("compile stub"); }
    public String getBody() { throw new UnsupportedOperationException("compile stub"); }
    /** Lombok names the getter of the boolean field `isBase64Encoded` like this. */
    public boolean isBase64Encoded() { throw new UnsupportedOperationException("compile stub"); }
    public RequestContext getRequestContext() { throw new UnsupportedOperationException("compile stub"); }

    public static class RequestContext {
        public String getRouteKey() { throw new UnsupportedOperationException("compile stub"); }
        public String getAccountId() { throw new UnsupportedOperationException("compile stub"); }
        public String getStage() { throw new UnsupportedOperationException("compile stub"); }
        public String getApiId() { throw new UnsupportedOperationException("compile stub"); }
        public String getDomainName() { throw new UnsupportedOperationException("compile stub"); }
        public long getTimeEpoch() { throw new UnsupportedOperationException("compile stub"); }
        public Http getHttp() { throw new UnsupportedOperationException("compile stub"); }

        public static class Http {
            public String getMethod() { throw new UnsupportedOperationException("compile stub"); }
            public String getPath() { throw new UnsupportedOperationException("compile stub"); }
            public String getProtocol() { throw new UnsupportedOperationException("compile stub"); }
            public String getSourceIp() { throw new UnsupportedOperationException("compile stub"); }
            public String getUserAgent() { throw new UnsupportedOperationException("compile stub"); }
        }
    }
}
