package dev.ridgeline.signals.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.ImportRecord;
import dev.ridgeline.signals.SignalsService;

/** Data → Imports: upload a file, watch it import, read or download what was rejected and why. */
@Controller
class ImportsController {

    private final SignalsService signals;

    ImportsController(SignalsService signals) {
        this.signals = signals;
    }

    @GetMapping("/imports")
    String list(Actor actor, Model model) {
        model.addAttribute("imports", signals.imports(actor));
        model.addAttribute("profiles", signals.permitProfiles(actor.tenantId()));
        model.addAttribute("kinds", signals.importKinds());
        model.addAttribute("sources", signals.socrataSources(actor));
        model.addAttribute("zones", java.util.List.of("America/New_York", "America/Chicago", "America/Denver",
                "America/Phoenix", "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"));
        return "signals/imports";
    }

    @PostMapping("/imports")
    String upload(Actor actor, @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "STORMS") ImportKind kind,
            @RequestParam(required = false) @Nullable String date,
            @RequestParam(required = false) @Nullable String profile, RedirectAttributes redirect) throws IOException {
        if (file.isEmpty()) {
            Flash.error(redirect, "Choose a file to import: the one you sent is empty.");
            return "redirect:/imports";
        }
        LocalDate day;
        try {
            day = date == null || date.isBlank() ? null : LocalDate.parse(date.trim());
        } catch (java.time.format.DateTimeParseException e) {
            Flash.error(redirect, "Report date '" + date + "' is not a date (YYYY-MM-DD).");
            return "redirect:/imports";
        }
        Path upload = Files.createTempFile("ridgeline-import-", ".csv");
        try (InputStream in = file.getInputStream()) {
            Files.copy(in, upload, StandardCopyOption.REPLACE_EXISTING);
        }
        String name = file.getOriginalFilename() == null ? "upload.csv" : Path.of(file.getOriginalFilename()).getFileName().toString();
        var options = new ImportOptions(day, profile == null || profile.isBlank() ? null : signals.permitProfile(actor.tenantId(), profile));
        UUID id = signals.startImport(actor, kind, upload, name, options);
        return "redirect:/imports/" + id;
    }

    /** Saves a column mapping from the form: one field per permit attribute, columns named as in the file's header. */
    @PostMapping("/imports/profiles")
    String saveProfile(Actor actor, @RequestParam java.util.Map<String, String> f, RedirectAttributes redirect) {
        try {
            var saved = signals.savePermitProfile(actor, new dev.ridgeline.signals.PermitProfile(f.get("name"),
                    f.get("number"), f.get("type"), f.get("subtype"), java.util.Arrays.stream(
                            f.getOrDefault("description", "").split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList(),
                    f.get("address"), f.get("city"), f.get("state"), f.get("postalCode"), f.get("latitude"),
                    f.get("longitude"), f.get("filed"), f.get("issued"),
                    dev.ridgeline.signals.PermitProfile.DateFormat.valueOf(f.getOrDefault("dates", "ISO_DATE")),
                    f.get("valuation"), f.get("contractor"), f.get("parcel"), f.get("defaultState"),
                    java.time.ZoneId.of(f.getOrDefault("zone", "America/Chicago"))));
            Flash.notice(redirect, "Column mapping '" + saved.name() + "' saved. Files with these columns are now recognised.");
        } catch (dev.ridgeline.platform.InvalidInputException e) {
            Flash.error(redirect, "Not saved: " + String.join("; ", e.fieldErrors().entrySet().stream()
                    .map(x -> x.getKey() + ": " + x.getValue()).toList()));
        }
        return "redirect:/imports";
    }

    @PostMapping("/imports/socrata")
    String addSocrata(Actor actor, @RequestParam java.util.Map<String, String> f, RedirectAttributes redirect) {
        try {
            var s = signals.addSocrataSource(actor, f.get("name"), f.get("datasetUrl"), f.get("where"), f.get("dateField"),
                    f.get("profile"), f.get("appToken"));
            Flash.notice(redirect, "Socrata source '" + s.name() + "' added; it syncs every day, or now with Sync.");
        } catch (dev.ridgeline.platform.InvalidInputException e) {
            Flash.error(redirect, "Not added: " + String.join("; ", e.fieldErrors().entrySet().stream()
                    .map(x -> x.getKey() + ": " + x.getValue()).toList()));
        }
        return "redirect:/imports";
    }

    @PostMapping("/imports/socrata/{sourceId}/sync")
    String syncSocrata(Actor actor, @PathVariable UUID sourceId) {
        return "redirect:/imports/" + signals.syncSocrata(actor, sourceId).importId();
    }

    @GetMapping("/imports/{importId}")
    String detail(Actor actor, @PathVariable UUID importId, Model model) {
        ImportRecord record = signals.getImport(actor, importId);
        model.addAttribute("record", record);
        model.addAttribute("problems", signals.problems(actor, importId, 200));
        return "signals/import";
    }

    @GetMapping("/imports/{importId}/problems.csv")
    void problems(Actor actor, @PathVariable UUID importId, HttpServletResponse response) throws IOException {
        ImportRecord record = signals.getImport(actor, importId);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"problems-"
                + record.fileName().replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        signals.writeProblemsCsv(actor, importId, response.getWriter());
    }
}
