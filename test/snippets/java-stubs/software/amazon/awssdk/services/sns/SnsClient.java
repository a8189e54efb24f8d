package software.amazon.awssdk.services.sns;

import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** Compile stub of the AWS SDK for Java v2 SnsClient (see README.md). */
public interface SnsClient extends AutoCloseable {
    static SnsClient create() { throw new UnsupportedOperationException("compile stub"); }

    PublishResponse publish(PublishRequest request);

    @Override
    void close();
}
