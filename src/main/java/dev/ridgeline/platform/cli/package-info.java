/**
 * Command-line support for every module's commands: starting the application without its web server, progress
 * bars, and the platform's own commands ({@code db migrate}, {@code keys rotate}).
 */
@NamedInterface("cli")
@NullMarked
package dev.ridgeline.platform.cli;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
