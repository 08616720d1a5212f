package dev.ridgeline.roof.web;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.roof.RoofService;

/**
 * The roof card of the lead and property pages (fetched by the page; its buttons swap it in place): the analysis
 * with its overlays, verdicts, area, estimate and change, and the buttons that confirm or correct each verdict; and
 * the company's roofs ranked by urgency.
 */
@Controller
class RoofController {

    private final RoofService roofs;
    private final dev.ridgeline.signals.SignalsService signals;

    RoofController(RoofService roofs, dev.ridgeline.signals.SignalsService signals) {
        this.roofs = roofs;
        this.signals = signals;
    }

    @PostMapping("/roof/storm")
    String analyseStorm(Actor actor, @RequestParam(required = false) java.time.@Nullable LocalDate storm,
            @RequestParam(defaultValue = "1.0") double minInches,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        if (storm == null) {
            dev.ridgeline.platform.web.Flash.error(redirect, "Choose a storm day.");
            return "redirect:/roof";
        }
        try {
            var b = roofs.analyseStorm(actor, storm, minInches);
            dev.ridgeline.platform.web.Flash.notice(redirect, b.total() == 0 ? "No home on file was hit by "
                    + minInches + " in hail or more on " + storm + "." : "Analysing the " + b.total()
                    + " roofs the storm of " + storm + " hit.");
        } catch (InvalidInputException e) {
            dev.ridgeline.platform.web.Flash.error(redirect, String.join("; ", e.fieldErrors().values()) + ".");
        }
        return "redirect:/roof?storm=" + storm + "&minInches=" + minInches;
    }

    /** The batch's progress, polled by the page while it runs. */
    @GetMapping("/roof/batch")
    String batch(Actor actor, Model model) {
        model.addAttribute("batch", roofs.batch(actor).orElse(null));
        return "roof/batch";
    }

    @GetMapping("/roof/properties/{propertyId}/panel")
    String panel(Actor actor, @PathVariable UUID propertyId, Model model) {
        return card(actor, propertyId, model, null);
    }

    @PostMapping("/roof/properties/{propertyId}/analyse")
    String analyse(Actor actor, @PathVariable UUID propertyId, @RequestParam(required = false) @Nullable String pitch,
            @RequestParam(required = false) @Nullable String material, Model model) {
        try {
            roofs.analyse(actor, propertyId, pitch, material);
            return card(actor, propertyId, model, null);
        } catch (InvalidInputException e) {
            return card(actor, propertyId, model, String.join("; ", e.fieldErrors().values()));
        }
    }

    @PostMapping("/roof/properties/{propertyId}/labels")
    String label(Actor actor, @PathVariable UUID propertyId, @RequestParam(required = false) @Nullable String task,
            @RequestParam(required = false) @Nullable String label,
            @RequestParam(defaultValue = "image") String source, Model model) {
        try {
            roofs.label(actor, propertyId, task == null ? "" : task, label == null ? "" : label, source);
            return card(actor, propertyId, model, null);
        } catch (InvalidInputException e) {
            return card(actor, propertyId, model, String.join("; ", e.fieldErrors().values()));
        }
    }

    @PostMapping("/roof/properties/{propertyId}/photos")
    String photo(Actor actor, @PathVariable UUID propertyId,
            @RequestParam(value = "photo", required = false) org.springframework.web.multipart.@Nullable MultipartFile photo,
            @RequestParam(required = false) @Nullable String mmPerPixel, Model model) throws java.io.IOException {
        try {
            if (photo == null || photo.isEmpty()) {
                throw InvalidInputException.of("photo", "choose a photo of the roof");
            }
            double scale;
            try {
                scale = Double.parseDouble(mmPerPixel == null ? "" : mmPerPixel.strip().replace(",", "."));
            } catch (NumberFormatException e) {
                throw InvalidInputException.of("mmPerPixel", "the scale '" + mmPerPixel + "' is not a number of mm a pixel");
            }
            roofs.addPhoto(actor, propertyId, photo.getOriginalFilename() == null ? "photo" : photo.getOriginalFilename(),
                    photo.getBytes(), scale);
            return card(actor, propertyId, model, null);
        } catch (InvalidInputException e) {
            return card(actor, propertyId, model, String.join("; ", e.fieldErrors().values()));
        }
    }

    @GetMapping("/roof/photos/{photoId}")
    org.springframework.http.ResponseEntity<byte[]> photoBytes(Actor actor, @PathVariable UUID photoId) {
        var p = roofs.photo(actor, photoId);
        return org.springframework.http.ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(p.getKey()))
                .cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePrivate())
                .header("X-Content-Type-Options", "nosniff").body(p.getValue());
    }

    @GetMapping("/roof")
    String ranked(Actor actor, @RequestParam(required = false) java.time.@Nullable LocalDate storm,
            @RequestParam(defaultValue = "1.0") double minInches, Model model) {
        var ranked = roofs.ranked(actor, 2_000);
        if (storm != null) {
            var hit = new java.util.HashSet<>(roofs.homesHit(actor, storm, minInches));
            ranked = ranked.stream().filter(r -> hit.contains(r.propertyId())).toList();
        }
        model.addAttribute("roofs", ranked.stream().limit(200).toList());
        model.addAttribute("storm", storm);
        model.addAttribute("minInches", minInches);
        model.addAttribute("stormDays", signals.stormDays(actor, 30));
        model.addAttribute("batch", roofs.batch(actor).orElse(null));
        model.addAttribute("models", roofs.models(actor));
        model.addAttribute("labelCounts", roofs.labelCounts(actor));
        return "roof/ranked";
    }

    @PostMapping("/roof/models/train")
    String train(Actor actor, @RequestParam(required = false) @Nullable String task,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        try {
            var trained = roofs.trainModel(actor, task == null ? "" : task);
            dev.ridgeline.platform.web.Flash.notice(redirect, "The " + trained.task() + " model learnt from "
                    + trained.examples() + " roofs: " + String.format(java.util.Locale.ROOT, "%.0f%%",
                            trained.accuracy() * 100) + " right on roofs it had not seen.");
        } catch (InvalidInputException e) {
            dev.ridgeline.platform.web.Flash.error(redirect, String.join("; ", e.fieldErrors().values()) + ".");
        }
        return "redirect:/roof";
    }

    @PostMapping("/roof/models/supply")
    String supply(Actor actor,
            @RequestParam(value = "model", required = false) org.springframework.web.multipart.@Nullable MultipartFile file,
            @RequestParam(value = "description", required = false) org.springframework.web.multipart.@Nullable MultipartFile description,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) throws java.io.IOException {
        try {
            var m = roofs.supplyModel(actor, file == null || file.getOriginalFilename() == null ? ""
                    : file.getOriginalFilename(), file == null ? new byte[0] : file.getBytes(),
                    description == null ? new byte[0] : description.getBytes());
            String said = "The supplied " + m.task() + " model " + m.name() + " is " + m.note() + ".";
            if (m.inUse()) {
                dev.ridgeline.platform.web.Flash.notice(redirect, said);
            } else {
                dev.ridgeline.platform.web.Flash.error(redirect, said + " It is kept; label more roofs and supply it "
                        + "again to measure it anew.");
            }
        } catch (InvalidInputException e) {
            String why = String.join("; ", e.fieldErrors().values());
            dev.ridgeline.platform.web.Flash.error(redirect, Character.toUpperCase(why.charAt(0)) + why.substring(1)
                    + ". Nothing was changed.");
        }
        return "redirect:/roof";
    }

    private String card(Actor actor, UUID propertyId, Model model, @Nullable String error) {
        model.addAttribute("propertyId", propertyId);
        model.addAttribute("analysis", roofs.latest(actor, propertyId).orElse(null));
        model.addAttribute("labels", roofs.labels(actor, propertyId));
        model.addAttribute("photos", roofs.photos(actor, propertyId));
        model.addAttribute("street", roofs.streetView(actor, propertyId).orElse(null));
        model.addAttribute("materials", RoofService.LABELS.get("material"));
        model.addAttribute("error", error);
        return "roof/panel";
    }
}
