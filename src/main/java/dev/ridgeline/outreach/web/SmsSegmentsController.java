package dev.ridgeline.outreach.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import dev.ridgeline.outreach.SmsCost;
import dev.ridgeline.outreach.sms.Gsm7Rewrite;
import dev.ridgeline.outreach.sms.SmsSegments;
import dev.ridgeline.platform.Actor;

/**
 * The live line under a text box: encoding, segments, characters and price as the person types, and the one-click
 * "make it GSM-7", which answers the text box itself with the rewritten text.
 */
@RestController
class SmsSegmentsController {

    private final SmsCost cost;

    SmsSegmentsController(SmsCost cost) {
        this.cost = cost;
    }

    @GetMapping(value = "/sms/segments", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> segments(Actor actor, @RequestParam(defaultValue = "") String text) {
        SmsCost.Estimate e = cost.estimate(actor.tenantId(), text);
        StringBuilder html = new StringBuilder("<span class=\"segments\">").append(HtmlUtils.htmlEscape(e.words()));
        SmsSegments s = e.segments();
        if (s.encoding() == SmsSegments.Encoding.UCS_2) {
            Gsm7Rewrite plain = Gsm7Rewrite.of(text);
            SmsSegments after = plain.remaining();
            html.append(" · not GSM-7 because of ").append(HtmlUtils.htmlEscape(String.join(" ", s.notGsm())));
            boolean better = after.segments() < s.segments() || after.encoding() == SmsSegments.Encoding.GSM_7;
            if (plain.changed() > 0 && better) {
                html.append(" <button type=\"button\" class=\"secondary small\" hx-get=\"/sms/segments/gsm\" "
                        + "hx-include=\"#answer-text\" hx-target=\"#answer-text\" hx-swap=\"outerHTML\">Make it "
                        + "GSM-7 (").append(after.segments()).append(" segment").append(after.segments() == 1 ? "" : "s")
                        .append(")</button>");
            }
        }
        return ResponseEntity.ok(html.append("</span>").toString());
    }

    /** The text box again, its text made GSM-7. */
    @GetMapping(value = "/sms/segments/gsm", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> gsm(Actor actor, @RequestParam(defaultValue = "") String text) {
        String plain = HtmlUtils.htmlEscape(Gsm7Rewrite.of(text).text());
        return ResponseEntity.ok("<textarea id=\"answer-text\" name=\"text\" rows=\"3\" maxlength=\"1600\" "
                + "hx-get=\"/sms/segments\" hx-trigger=\"input changed delay:250ms, load\" hx-target=\"#segment-info\">"
                + plain + "</textarea>");
    }
}
