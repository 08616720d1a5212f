package dev.ridgeline.identity;

/** What an API key may do: READ allows GET; WRITE allows every method. */
public enum ApiKeyScope {
    READ, WRITE
}
