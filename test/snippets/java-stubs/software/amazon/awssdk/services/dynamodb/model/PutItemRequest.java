package software.amazon.awssdk.services.dynamodb.model;

import java.util.Map;

/** Compile stub of the AWS SDK for Java v2 PutItemRequest (see README.md). */
public final class PutItemRequest {
    public static Builder builder() { throw new UnsupportedOperationException("compile stub"); }

    public interface Builder {
        Builder tableName(String tableName);

        Builder item(Map<String, AttributeValue> item);

        Builder conditionExpression(String conditionExpression);

        PutItemRequest build();
    }
}
