/**
 * The property graph: homes with a normalised address and H3 cells, the buildings on them with their footprints,
 * owners and contacts with E.164 phones, emails, a time zone and the consent ledger. Footprint and contact files
 * come in through the import pipeline of {@code signals}; permits and storm reports near a home are read through
 * its service. It owns schema {@code property}.
 */
@NullMarked
package dev.ridgeline.property;

import org.jspecify.annotations.NullMarked;
