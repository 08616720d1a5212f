package dev.ridgeline.platform;

import java.util.UUID;

/** Makes new ids. Injected, so tests can make ids predictable. */
@FunctionalInterface
public interface IdGenerator {

    UUID next();
}
