package com.amazonaws.services.lambda.runtime;

/** Compile stub of aws-lambda-java-core's LambdaLogger (see ../README.md). */
public interface LambdaLogger {
    void log(String message);

    void log(byte[] message);
}
