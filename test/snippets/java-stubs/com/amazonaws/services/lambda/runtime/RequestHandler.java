package com.amazonaws.services.lambda.runtime;

/** Compile stub of aws-lambda-java-core's RequestHandler (see ../README.md). */
public interface RequestHandler<I, O> {
    O handleRequest(I input, Context context);
}
