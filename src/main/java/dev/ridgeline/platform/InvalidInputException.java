package dev.ridgeline.platform;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * Input that cannot be accepted, with one message per field. Maps to 400 with the field errors; pages re-render
 * the form with the messages beside the fields.
 */
public class InvalidInputException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public InvalidInputException(Map<String, String> fieldErrors) {
        super(summary(fieldErrors));
        this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(Map.of(field, message));
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }

    private static String summary(Map<String, String> errors) {
        List<String> parts = errors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList();
        return String.join("; ", parts);
    }
}
