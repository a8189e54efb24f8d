package software.amazon.awssdk.services.sns.model;

/** Compile stub of the AWS SDK for Java v2 PublishRequest (see README.md). */
public final class PublishRequest {
    public static Builder builder() { throw new UnsupportedOperationException("compile stub"); }

    public interface Builder {
        Builder topicArn(String topicArn);

        Builder message(String message);

        Builder subject(String subject);

        PublishRequest build();
    }
}
