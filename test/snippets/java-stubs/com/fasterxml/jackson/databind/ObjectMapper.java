package com.fasterxml.jackson.databind;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

/** Compile stub of Jackson's ObjectMapper (see README.md). */
public class ObjectMapper {
    public ObjectMapper() {
    }

    public String writeValueAsString(Object value) throws JsonProcessingException { throw new UnsupportedOperationException("compile stub"); }

    public <T> T readValue(String content, Class<T> valueType) throws JsonProcessingException { throw new UnsupportedOperationException("compile stub"); }

    public <T> T readValue(String content, TypeReference<T> valueTypeRef) throws JsonProcessingException { throw new UnsupportedOperationException("compile stub"); }
}
