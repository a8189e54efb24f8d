package com.fasterxml.jackson.core;

import java.io.IOException;

/** Compile stub of Jackson's JsonProcessingException, a checked IOException (see README.md). */
public class JsonProcessingException extends IOException {
    protected JsonProcessingException(String message) {
        super(message);
    }
}
