/** The roof card of the lead and property pages, and the roofs ranked by urgency. */
@NullMarked
package dev.ridgeline.roof.web;

import org.jspecify.annotations.NullMarked;
