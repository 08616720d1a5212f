/**
 * Web pieces every module's pages use: the page context and layout model, form state, flash messages, request
 * helpers and error pages. Exposed to all modules as the platform's "web" interface.
 */
@NamedInterface("web")
@NullMarked
package dev.ridgeline.platform.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
