/**
 * Email templates: a small merge language ({@code {{owner.firstName | "there"}}}, {@code {{#if storm.date}}...
 * {{else}}...{{/if}}}) over a fixed catalog of fields, checked when a template is saved, rendered as HTML (values
 * escaped) with a plain-text part generated from it.
 */
@NamedInterface("template")
@NullMarked
package dev.ridgeline.outreach.template;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
