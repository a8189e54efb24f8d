package com.amazonaws.services.lambda.runtime.events;

import java.util.List;
import java.util.Map;

/** Compile stub of aws-lambda-java-events' APIGatewayV2HTTPResponse (Lombok builder with "with" setters; see README.md). */
public class APIGatewayV2HTTPResponse {
    public static APIGatewayV2HTTPResponseBuilder builder() { throw new UnsupportedOperationException("compile stub"); }

    public int getStatusCode() { throw new UnsupportedOperationException("compile stub"); }
    public Map<String, String> getHeaders() { throw new UnsupportedOperationException("compile stub"); }
    public String getBody() { throw new UnsupportedOperationException("compile stub"); }

    public static class APIGatewayV2HTTPResponseBuilder {
        public APIGatewayV2HTTPResponseBuilder withStatusCode(int statusCode) { throw new UnsupportedOperationException("compile stub"); }
        public APIGatewayV2HTTPResponseBuilder withHeaders(Map<String, String> headers) { throw new UnsupportedOperationException("compile stub"); }
        public APIGatewayV2HTTPResponseBuilder withMultiValueHeaders(Map<String, List<String>> headers) { throw new UnsupportedOperationException("compile stub"); }
        public APIGatewayV2HTTPResponseBuilder withCookies(List<String> cookies) { throw new UnsupportedOperationException("compile stub"); }
        public APIGatewayV2HTTPResponseBuilder withBody(String body) { throw new UnsupportedOperationException("compile stub"); }
        public APIGatewayV2HTTPResponseBuilder withIsBase64Encoded(boolean isBase64Encoded) { throw new UnsupportedOperationException("compile stub"); }
        public APIGatewayV2HTTPResponse build() { throw new UnsupportedOperationException("compile stub"); }
    }
}
