/**
 * Per-tenant connections to external providers (email, SMS, voice, geocoding, imagery, speech): which vendor, its
 * settings, and its secrets, stored only as AEAD ciphertexts and never shown again. Modules that implement an
 * adapter contribute its {@link dev.ridgeline.connections.ProviderDefinition}; this module owns schema
 * {@code connections}.
 */
@NullMarked
package dev.ridgeline.connections;

import org.jspecify.annotations.NullMarked;
