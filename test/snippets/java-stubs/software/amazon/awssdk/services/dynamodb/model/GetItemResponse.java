package software.amazon.awssdk.services.dynamodb.model;

import java.util.Map;

/** Compile stub of the AWS SDK for Java v2 GetItemResponse (see README.md). */
public final class GetItemResponse {
    public boolean hasItem() { throw new UnsupportedOperationException("compile stub"); }

    public Map<String, AttributeValue> item() { throw new UnsupportedOperationException("compile stub"); }
}
