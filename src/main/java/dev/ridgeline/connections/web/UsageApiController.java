package dev.ridgeline.connections.web;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.ridgeline.connections.UsageLedger;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;

@RestController
@RequestMapping("/api/v1/usage")
@Tag(name = "Connections")
class UsageApiController {

    private final UsageLedger usage;

    UsageApiController(UsageLedger usage) {
        this.usage = usage;
    }

    @GetMapping
    @Operation(summary = "A month's calls, units and cost per external provider and operation (UTC month, YYYY-MM)")
    List<UsageLedger.MonthlyUsage> month(Actor actor, @RequestParam(required = false) @Nullable String month) {
        YearMonth m;
        try {
            m = month == null ? YearMonth.now(ZoneOffset.UTC) : YearMonth.parse(month);
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidInputException.of("month", "'" + month + "' is not a month (YYYY-MM)");
        }
        return usage.month(actor, m);
    }
}
