/**
 * The import pipeline other modules build their importers on: an import record with per-row problems, the file
 * read in its detected encoding inside one transaction, rows streamed by COPY into a staging table, progress
 * written as it goes. Subclass {@link dev.ridgeline.signals.imports.FileImporter} and declare it a bean; the
 * import pages, API and CLI find it by its {@link dev.ridgeline.signals.ImportKind}.
 */
@NamedInterface("imports")
@NullMarked
package dev.ridgeline.signals.imports;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
