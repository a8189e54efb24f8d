package com.fasterxml.jackson.core.type;

/** Compile stub of Jackson's TypeReference, subclassed anonymously to capture a generic type (see README.md). */
public abstract class TypeReference<T> {
    protected TypeReference() {
    }
}
