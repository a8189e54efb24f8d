package software.amazon.awssdk.services.sns.model;

/** Compile stub of the AWS SDK for Java v2 PublishResponse (see README.md). */
public final class PublishResponse {
    public String messageId() { throw new UnsupportedOperationException("compile stub"); }
}
