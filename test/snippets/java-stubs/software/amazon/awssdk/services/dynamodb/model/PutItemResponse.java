package software.amazon.awssdk.services.dynamodb.model;

/** Compile stub of the AWS SDK for Java v2 PutItemResponse (see README.md). */
public final class PutItemResponse {
}
