/**
 * Reading the files people upload and streaming rows into PostgreSQL with COPY: encoding detection (BOMs, UTF-8, Windows-1252) and a forgiving CSV reader
 * that reports each malformed record with its line and carries on. Exposed to all modules as "io".
 */
@NamedInterface("io")
@NullMarked
package dev.ridgeline.platform.io;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
