package software.amazon.awssdk.services.dynamodb.model;

import java.util.Map;

/** Compile stub of the AWS SDK for Java v2 GetItemRequest (see README.md). */
public final class GetItemRequest {
    public static Builder builder() { throw new UnsupportedOperationException("compile stub"); }

    public interface Builder {
        Builder tableName(String tableName);

        Builder key(Map<String, AttributeValue> key);

        Builder consistentRead(Boolean consistentRead);

        GetItemRequest build();
    }
}
