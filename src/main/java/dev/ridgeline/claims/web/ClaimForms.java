package dev.ridgeline.claims.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.claims.ClaimDraft;
import dev.ridgeline.platform.InvalidInputException;

/** A claim form's text fields read into a draft; every field that cannot be read is named, none is guessed. */
final class ClaimForms {

    private ClaimForms() {
    }

    static ClaimDraft draft(Map<String, String> form, ZoneId zone) {
        Map<String, String> errors = new LinkedHashMap<>();
        ClaimDraft d = new ClaimDraft(text(form, "carrier"), text(form, "policyNumber"), text(form, "claimNumber"),
                date(form, "dateOfLoss", errors), text(form, "cause"), text(form, "adjusterName"),
                text(form, "adjusterCompany"), text(form, "adjusterPhone"), text(form, "adjusterEmail"),
                meeting(form, zone, errors), money(form, "rcv", errors), money(form, "acv", errors),
                money(form, "recoverableDepreciation", errors), money(form, "nonRecoverableDepreciation", errors),
                money(form, "overheadAndProfit", errors), money(form, "deductible", errors),
                money(form, "paidByCarrier", errors), money(form, "paidByHomeowner", errors));
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return d;
    }

    static @Nullable String text(Map<String, String> form, String field) {
        String v = form.get(field);
        return v == null || v.isBlank() ? null : v.strip();
    }

    static @Nullable BigDecimal money(Map<String, String> form, String field, Map<String, String> errors) {
        String v = text(form, field);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.replace("$", "").replace(",", "").strip());
        } catch (NumberFormatException e) {
            errors.put(field, field + ": '" + v + "' is not an amount in dollars");
            return null;
        }
    }

    static @Nullable BigDecimal number(Map<String, String> form, String field, Map<String, String> errors) {
        String v = text(form, field);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.replace(",", ""));
        } catch (NumberFormatException e) {
            errors.put(field, field + ": '" + v + "' is not a number");
            return null;
        }
    }

    private static @Nullable LocalDate date(Map<String, String> form, String field, Map<String, String> errors) {
        String v = text(form, field);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            errors.put(field, field + ": '" + v + "' is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    private static java.time.@Nullable Instant meeting(Map<String, String> form, ZoneId zone, Map<String, String> errors) {
        String v = text(form, "adjusterMeeting");
        if (v == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(v).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.put("adjusterMeeting", "adjusterMeeting: '" + v + "' is not a date and time");
            return null;
        }
    }
}
