package dev.ridgeline.outreach;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.outreach.internal.TemplateRepository;
import dev.ridgeline.outreach.template.EmailTemplate;
import dev.ridgeline.outreach.template.HtmlText;
import dev.ridgeline.outreach.template.MergeField;
import dev.ridgeline.outreach.template.MergeFieldSource;
import dev.ridgeline.outreach.template.MergeTemplate;
import dev.ridgeline.outreach.template.TemplateDraft;
import dev.ridgeline.outreach.template.TemplatePreview;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;
import dev.ridgeline.platform.Permission;

/**
 * A company's email templates: checked when saved (an unknown field or a broken {@code {{#if}}} is refused with its
 * line and column), previewed on a real lead, and sent to a lead as HTML with a generated plain-text part.
 */
@Service
public class EmailTemplates {

    private final TemplateRepository repository;
    private final MergeFieldSource fields;
    private final OutreachService outreach;
    private final IdGenerator ids;
    private final Clock clock;

    public EmailTemplates(TemplateRepository repository, MergeFieldSource fields, OutreachService outreach,
            IdGenerator ids, Clock clock) {
        this.repository = repository;
        this.fields = fields;
        this.outreach = outreach;
        this.ids = ids;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<EmailTemplate> list(Actor actor) {
        return repository.list(actor.tenantId());
    }

    /** Each template's outcomes: sent, delivered, bounced, opens (people, machines), clicks, replies, opt-outs. */
    @Transactional(readOnly = true)
    public Map<UUID, dev.ridgeline.outreach.template.EmailStats> stats(Actor actor) {
        return repository.stats(actor.tenantId());
    }

    /** Variant A against B on reply rate, for each template that has a B. */
    @Transactional(readOnly = true)
    public Map<UUID, dev.ridgeline.outreach.template.VariantComparison> variants(Actor actor) {
        Map<UUID, dev.ridgeline.outreach.template.VariantComparison> out = new java.util.HashMap<>();
        var stats = repository.variantStats(actor.tenantId());
        for (EmailTemplate t : repository.list(actor.tenantId())) {
            if (t.subjectB() != null || t.bodyHtmlB() != null) {
                var byVariant = stats.getOrDefault(t.id(), Map.of());
                out.put(t.id(), dev.ridgeline.outreach.template.VariantComparison.of(
                        byVariant.getOrDefault("A", dev.ridgeline.outreach.template.EmailStats.none(t.id())),
                        byVariant.getOrDefault("B", dev.ridgeline.outreach.template.EmailStats.none(t.id()))));
            }
        }
        return out;
    }

    @Transactional(readOnly = true)
    public EmailTemplate get(Actor actor, UUID id) {
        return repository.find(actor.tenantId(), id).orElseThrow(() -> new NotFoundException("email template", id));
    }

    /** Creates ({@code id} null) or updates a template after checking it; owners and managers only. */
    @Transactional
    public EmailTemplate save(Actor actor, @Nullable UUID id, TemplateDraft draft) {
        actor.require(Permission.OUTBOX_VIEW_ALL);
        if (id != null) {
            get(actor, id);
        }
        check(draft);
        UUID target = id == null ? ids.next() : id;
        if (!repository.save(actor.tenantId(), target, draft, actor.userId().value(), clock.instant())) {
            throw InvalidInputException.of("name", "another template is already called '" + draft.name().strip() + "'");
        }
        return get(actor, target);
    }

    @Transactional
    public void delete(Actor actor, UUID id) {
        actor.require(Permission.OUTBOX_VIEW_ALL);
        if (!repository.delete(actor.tenantId(), id)) {
            throw new NotFoundException("email template", id);
        }
    }

    /** Renders a draft (saved or not) for a lead. */
    @Transactional(readOnly = true)
    public TemplatePreview preview(Actor actor, TemplateDraft draft, UUID leadId) {
        Map<String, String> errors = problems(draft);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        Map<MergeField, String> values = fields.fields(actor, leadId)
                .orElseThrow(() -> new NotFoundException("lead", leadId));
        return render(MergeTemplate.parse(draft.subject()), MergeTemplate.parse(draft.bodyHtml()), values);
    }

    private static TemplatePreview render(MergeTemplate subjectTemplate, MergeTemplate bodyTemplate,
            Map<MergeField, String> values) {
        String label = (values.containsKey(MergeField.OWNER_NAME) ? values.get(MergeField.OWNER_NAME) + ", " : "")
                + values.getOrDefault(MergeField.PROPERTY_ADDRESS, "")
                + (values.containsKey(MergeField.PROPERTY_CITY) ? ", " + values.get(MergeField.PROPERTY_CITY) : "");
        MergeTemplate.Rendered subject = subjectTemplate.render(values, false);
        MergeTemplate.Rendered body = bodyTemplate.render(values, true);
        java.util.Set<MergeField> missing = new java.util.LinkedHashSet<>(subject.missing());
        missing.addAll(body.missing());
        return new TemplatePreview(label, subject.text().strip(), body.text(), HtmlText.of(body.text()),
                missing.stream().map(f -> f.label() + " ({{" + f.key() + "}})").toList());
    }

    /** One email of {@link #sendAll}: a saved template to a lead at an address, sent once per key. */
    public record TemplateSend(UUID templateId, UUID leadId, String to, String idempotencyKey) {
    }

    /**
     * {@link #send} for many emails: each template read and parsed once, the leads' merge fields read together, and
     * the messages queued together ({@link OutreachService#sendAll}). An email that one at a time would be refused
     * (a field with no value and no fallback, an address that is not one, a template deleted) comes back refused
     * with the same reason; the others go on. In the order given.
     */
    @Transactional
    public List<OutreachService.Queued> sendAll(Actor actor, List<TemplateSend> sends) {
        Map<UUID, java.util.Optional<EmailTemplate>> saved = new java.util.HashMap<>();
        Map<String, MergeTemplate[]> parsed = new java.util.HashMap<>();
        Map<UUID, Map<MergeField, String>> values = fields.fieldsOf(actor,
                sends.stream().map(TemplateSend::leadId).distinct().toList());
        Map<String, OutreachService.Queued> refused = new java.util.HashMap<>();
        List<SendRequest> requests = new java.util.ArrayList<>();
        Map<String, String> variants = new java.util.HashMap<>();
        for (TemplateSend send : sends) {
            String key = send.idempotencyKey();
            EmailTemplate t = saved.computeIfAbsent(send.templateId(), id -> repository.find(actor.tenantId(), id))
                    .orElse(null);
            if (t == null) {
                refused.put(key, new OutreachService.Queued(key, null, "email template " + send.templateId()
                        + " not found"));
                continue;
            }
            Map<MergeField, String> v = values.get(send.leadId());
            if (v == null) {
                refused.put(key, new OutreachService.Queued(key, null, "lead " + send.leadId() + " not found"));
                continue;
            }
            String variant = send.to() == null ? "A" : t.variantFor(send.to());
            TemplateDraft draft = "B".equals(variant) ? t.draft().variantB() : t.draft();
            MergeTemplate[] templates = parsed.computeIfAbsent(t.id() + ":" + variant, k -> new MergeTemplate[] {
                    MergeTemplate.parse(draft.subject()), MergeTemplate.parse(draft.bodyHtml())});
            TemplatePreview p = render(templates[0], templates[1], v);
            if (!p.missing().isEmpty()) {
                refused.put(key, new OutreachService.Queued(key, null, "this lead has no value for "
                        + String.join(", ", p.missing()) + ": fill it in on the lead, or give the template a fallback "
                        + "like {{owner.firstName | \"there\"}}"));
                continue;
            }
            if (!EmailSuppressions.looksLikeAddress(send.to())) {
                refused.put(key, new OutreachService.Queued(key, null, "'" + send.to() + "' is not an email address"));
                continue;
            }
            requests.add(new SendRequest(actor.tenantId(), Channel.EMAIL, MessagePurpose.OUTREACH, send.to().strip(),
                    p.subject(), p.text(), key, actor.userId(), p.html(), t.id(), t.trackOpens(), t.trackClicks()));
            if (t.subjectB() != null || t.bodyHtmlB() != null) {
                variants.put(key, variant);
            }
        }
        Map<String, OutreachService.Queued> queued = new java.util.HashMap<>();
        outreach.sendAll(actor.tenantId(), requests, variants).forEach(q -> queued.put(q.idempotencyKey(), q));
        return sends.stream().map(s -> refused.containsKey(s.idempotencyKey()) ? refused.get(s.idempotencyKey())
                : queued.get(s.idempotencyKey())).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * Sends a saved template to a lead at {@code to}: refused while a field has no value and no fallback. The same
     * {@code idempotencyKey} sends once.
     */
    @Transactional
    public OutboundMessage send(Actor actor, UUID templateId, UUID leadId, String to, String idempotencyKey) {
        EmailTemplate t = get(actor, templateId);
        String variant = to == null ? "A" : t.variantFor(to);
        TemplatePreview p = preview(actor, "B".equals(variant) ? t.draft().variantB() : t.draft(), leadId);
        if (!p.missing().isEmpty()) {
            throw InvalidInputException.of("lead", "this lead has no value for " + String.join(", ", p.missing())
                    + ": fill it in on the lead, or give the template a fallback like {{owner.firstName | \"there\"}}");
        }
        if (!EmailSuppressions.looksLikeAddress(to)) {
            throw InvalidInputException.of("to", "'" + to + "' is not an email address");
        }
        OutboundMessage m = outreach.send(new SendRequest(actor.tenantId(), Channel.EMAIL, MessagePurpose.OUTREACH,
                to.strip(), p.subject(), p.text(), idempotencyKey, actor.userId(), p.html(), templateId,
                t.trackOpens(), t.trackClicks()));
        if (t.subjectB() != null || t.bodyHtmlB() != null) {
            repository.setVariant(actor.tenantId(), m.id(), variant);
        }
        return m;
    }

    private static void check(TemplateDraft draft) {
        Map<String, String> errors = problems(draft);
        if (draft.name() == null || draft.name().isBlank()) {
            errors.put("name", "give the template a name");
        } else if (draft.name().strip().length() > 120) {
            errors.put("name", "at most 120 characters");
        }
        if (draft.subject() != null && draft.subject().length() > 300) {
            errors.put("subject", "at most 300 characters");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private static Map<String, String> problems(TemplateDraft draft) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (draft.subject() == null || draft.subject().isBlank()) {
            errors.put("subject", "an email needs a subject");
        } else {
            problem(draft.subject(), "subject", errors);
        }
        if (draft.bodyHtml() == null || draft.bodyHtml().isBlank()) {
            errors.put("bodyHtml", "write the email");
        } else {
            problem(draft.bodyHtml(), "bodyHtml", errors);
        }
        if (draft.subjectB() != null) {
            problem(draft.subjectB(), "subjectB", errors);
        }
        if (draft.bodyHtmlB() != null) {
            problem(draft.bodyHtmlB(), "bodyHtmlB", errors);
        }
        return errors;
    }

    private static void problem(String source, String field, Map<String, String> errors) {
        try {
            MergeTemplate.parse(source);
        } catch (MergeTemplate.InvalidTemplateException e) {
            errors.put(field, e.getMessage());
        }
    }
}
