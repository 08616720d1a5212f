package dev.ridgeline.platform.web;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.ridgeline.platform.InvalidInputException;

/** What a form shows: the values the user typed and a message per field that was wrong. */
public final class FormState {

    private final Map<String, String> values;
    private final Map<String, String> errors;

    private FormState(Map<String, String> values, Map<String, String> errors) {
        this.values = values;
        this.errors = errors;
    }

    public static FormState empty() {
        return new FormState(new LinkedHashMap<>(), Map.of());
    }

    public static FormState of(Map<String, String> values) {
        return new FormState(new LinkedHashMap<>(values), Map.of());
    }

    public static FormState failed(Map<String, String> values, InvalidInputException e) {
        return new FormState(new LinkedHashMap<>(values), e.fieldErrors());
    }

    public FormState with(String field, String value) {
        values.put(field, value);
        return this;
    }

    public String value(String field) {
        String v = values.get(field);
        return v == null ? "" : v;
    }

    public String error(String field) {
        String e = errors.get(field);
        return e == null ? "" : e;
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    public Map<String, String> errors() {
        return Collections.unmodifiableMap(errors);
    }
}
