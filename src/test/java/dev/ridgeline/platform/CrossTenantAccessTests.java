package dev.ridgeline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import jakarta.servlet.http.Cookie;

import dev.ridgeline.connections.ConnectionDraft;
import dev.ridgeline.connections.ConnectionType;
import dev.ridgeline.connections.ConnectionsService;
import dev.ridgeline.identity.ApiKeyScope;
import dev.ridgeline.identity.ApiKeyService;
import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.User;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.leads.NewLead;
import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.test.Fixtures;
import dev.ridgeline.test.RidgelineTest;

/**
 * The tenant wall. Every endpoint the application registers is called by tenant A (its owner's session for
 * pages, its write API key for {@code /api/v1}) with the ids of tenant B's resources; each must answer 404 and
 * change nothing. Lists must never show B's data. A new endpoint is covered automatically; one with a path
 * variable this test has no fixture for fails the test until a fixture is added below.
 */
@RidgelineTest
class CrossTenantAccessTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    IdentityService identity;

    @Autowired
    LeadsService leads;

    @Autowired
    ConnectionsService connections;

    @Autowired
    ApiKeyService apiKeys;

    @Autowired
    OutreachService outreach;

    @Autowired
    dev.ridgeline.signals.SignalsService signals;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    dev.ridgeline.insight.InsightService insight;

    @Autowired
    dev.ridgeline.outreach.EmailTemplates templates;

    @Autowired
    dev.ridgeline.sequences.SequencesService sequences;

    record Tenant(Fixtures.Company company, User rep, String leadId, String connectionId, String keyId,
            String messageId, String importId, String propertyId, String sourceId, String ruleId, String apiKey,
            String templateId, String replyId, String sequenceId, String enrolmentId, String taskId,
            String triggerId, String imageId, String photoId, String callId, String claimId, String supplementId,
            String documentId) {
    }

    Fixtures fixtures;
    Tenant a;
    Tenant b;

    @BeforeEach
    void twoCompanies() {
        fixtures = new Fixtures(identity, jdbc);
        a = tenant("Alpha Roofing");
        b = tenant("Bravo Roofing");
    }

    private Tenant tenant(String name) {
        Fixtures.Company c = fixtures.company(name);
        User rep = fixtures.user(c, dev.ridgeline.platform.Role.REP, name + " Rep");
        var lead = leads.create(c.ownerActor(), new NewLead("1 " + name + " Way", "Nashville", "TN", null, null,
                36.1, -86.7, rep.id(), null));
        var connection = connections.create(c.ownerActor(), new ConnectionDraft(ConnectionType.EMAIL, "smtp", name,
                Map.of("host", "smtp.example.com", "port", "587", "fromAddress", "office@example.com"),
                Map.of("password", "secret-of-" + name)));
        var key = apiKeys.create(c.ownerActor(), name + " key", ApiKeyScope.WRITE);
        var message = outreach.send(new SendRequest(c.id(), Channel.SMS, MessagePurpose.NOTIFICATION, "+16155550100",
                null, "Hello from " + name, Fixtures.unique("x"), c.owner().id()));
        var storms = signals.importStorms(c.ownerActor(), java.nio.file.Path.of("src/main/resources/demo/130519_rpts_torn.csv"),
                "130519_rpts_torn.csv", null);
        java.nio.file.Path list;
        try {
            list = java.nio.file.Files.writeString(java.nio.file.Files.createTempFile("owners", ".csv"),
                    "owner_name,property_address,zip,phone\n" + name + " Owner,1 " + name + " Lane,37206,(615) 555-0199\n");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var contacts = signals.importFile(c.ownerActor(), dev.ridgeline.signals.ImportKind.CONTACTS, list, "owners.csv",
                dev.ridgeline.signals.ImportOptions.NONE);
        assertThat(contacts.stored()).isEqualTo(1);
        signals.savePermitProfile(c.ownerActor(), new dev.ridgeline.signals.PermitProfile(
                name.split(" ")[0].toLowerCase() + "-layout", "No", "Type", null, java.util.List.of(), "Address", null, null,
                null, null, null, null, null, dev.ridgeline.signals.PermitProfile.DateFormat.ISO_DATE, null, null, null,
                null, java.time.ZoneId.of("America/Chicago")));
        var source = signals.addSocrataSource(c.ownerActor(), name + " permits", "http://127.0.0.1:9/resource/ab12-cd34.json",
                null, "issue_date", name.split(" ")[0].toLowerCase() + "-layout", null);
        String propertyId = jdbc.sql("select id::text from property.property where tenant_id = :t")
                .param("t", c.id().value()).query(String.class).single();
        String ruleId = insight.hotRules(c.ownerActor()).getFirst().id().toString();
        var template = templates.save(c.ownerActor(), null, new dev.ridgeline.outreach.template.TemplateDraft(
                name + " template", "Hi", "<p>Hi {{owner.firstName | \"there\"}}</p>", true, true));
        java.util.UUID replyId = java.util.UUID.randomUUID();
        jdbc.sql("""
                insert into outreach.inbound_message (tenant_id, id, channel, reply_to_message_id, from_address, subject,
                  body, received_at, source)
                values (:t, :id, 'SMS', null, '+16155550123', null, 'Tuesday works, see the photo.', now(), 'test')""")
                .param("t", c.id().value()).param("id", replyId).update();
        jdbc.sql("""
                insert into outreach.inbound_media (tenant_id, reply_id, position, content_type, source_url, status,
                  next_try_at, size_bytes, bytes)
                values (:t, :id, 0, 'image/png', 'https://media.example/x.png', 'STORED', now(), 3, '\\x010203')""")
                .param("t", c.id().value()).param("id", replyId).update();
        var sequence = sequences.save(c.ownerActor(), null, new dev.ridgeline.sequences.SequenceDraft(name + " sequence",
                5, java.util.List.of(new dev.ridgeline.sequences.SequenceStep(0, dev.ridgeline.sequences.StepKind.TASK,
                        3, dev.ridgeline.sequences.DelayUnit.DAYS, dev.ridgeline.sequences.StepCondition.ALWAYS, null,
                        null, dev.ridgeline.sequences.TaskKind.DOOR_KNOCK))));
        sequences.enrol(c.ownerActor(), sequence.id(), java.util.List.of(lead.id()), "by hand");
        String enrolmentId = sequences.enrolments(c.ownerActor(), sequence.id(), 1).getFirst().id().toString();
        String triggerId = sequences.addTrigger(c.ownerActor(), sequence.id(),
                dev.ridgeline.sequences.SequenceTrigger.Kind.STORM, null, 1.25, null).id().toString();
        java.util.UUID taskId = java.util.UUID.randomUUID();
        jdbc.sql("""
                insert into sequences.task (tenant_id, id, enrolment_id, position, lead_id, assignee, kind, title, due_at,
                  created_at)
                values (:t, :id, cast(:e as uuid), 0, :l, :a, 'DOOR_KNOCK', :title, now(), now())""")
                .param("t", c.id().value()).param("id", taskId).param("e", enrolmentId).param("l", lead.id())
                .param("a", rep.id().value()).param("title", "Knock on the door: 1 " + name + " Way").update();
        java.util.UUID imageId = java.util.UUID.randomUUID();
        jdbc.sql("""
                insert into imagery.image (tenant_id, id, property_id, purpose, source, product, width, height,
                  attribution, licence, synthetic, content_hash, content_type, bytes, fetched_at)
                values (:t, :id, cast(:p as uuid), 'ROOF_CROP', 'sandbox', 'aerial', 10, 10, 'Sandbox', 'synthetic',
                  true, :h, 'image/png', 3, now())""")
                .param("t", c.id().value()).param("id", imageId).param("p", propertyId)
                .param("h", "0".repeat(64)).update();
        java.util.UUID photoId = java.util.UUID.randomUUID();
        jdbc.sql("""
                insert into roof.photo (tenant_id, id, property_id, file_name, content_type, bytes, width, height,
                  mm_per_pixel, result, uploaded_by, uploaded_at)
                values (:t, :id, cast(:p as uuid), 'roof.jpg', 'image/jpeg', '\\x010203', 1, 1, 2,
                  '{"candidates":[],"perHundredSquareFeet":0,"photoSquareFeet":0,"note":""}', :u, now())""")
                .param("t", c.id().value()).param("id", photoId).param("p", propertyId)
                .param("u", c.owner().id().value()).update();
        java.util.UUID callId = java.util.UUID.randomUUID();
        jdbc.sql("""
                insert into voice.call (tenant_id, id, message_id, lead_id, kind, to_number, requested_by, requested_role,
                  created_at)
                values (:t, :id, gen_random_uuid(), :l, 'agent', '+16155550100', :u, 'OWNER', now())""")
                .param("t", c.id().value()).param("id", callId).param("l", lead.id())
                .param("u", c.owner().id().value()).update();
        java.util.UUID claimId = java.util.UUID.randomUUID();
        java.util.UUID supplementId = java.util.UUID.randomUUID();
        jdbc.sql("""
                insert into claims.claim (tenant_id, id, lead_id, status, status_since, source, created_at, updated_at)
                values (:t, :id, :l, 'FILED', now(), 'test', now(), now())""")
                .param("t", c.id().value()).param("id", claimId).param("l", lead.id()).update();
        jdbc.sql("""
                insert into claims.supplement (tenant_id, id, claim_id, description, quantity, unit, unit_price, status,
                  status_since, created_at)
                values (:t, :id, :c, 'Drip edge', 10, 'LF', 3.15, 'requested', now(), now())""")
                .param("t", c.id().value()).param("id", supplementId).param("c", claimId).update();
        java.util.UUID documentId = java.util.UUID.randomUUID();
        jdbc.sql("""
                insert into claims.document (tenant_id, id, claim_id, kind, file_name, content_type, bytes, size,
                  uploaded_at)
                values (:t, :id, :c, 'scope', 'scope.pdf', 'application/pdf', '\\x25504446', 4, now())""")
                .param("t", c.id().value()).param("id", documentId).param("c", claimId).update();
        return new Tenant(c, rep, lead.id().toString(), connection.id().toString(), key.key().id().toString(),
                message.id().toString(), storms.importId().toString(), propertyId, source.id().toString(), ruleId,
                key.token(), template.id().toString(), replyId.toString(), sequence.id().toString(), enrolmentId,
                taskId.toString(), triggerId, imageId.toString(), photoId.toString(), callId.toString(),
                claimId.toString(), supplementId.toString(), documentId.toString());
    }

    /** Path variables and tenant B's resource for each. Add a line here when an endpoint introduces a new one. */
    private Map<String, String> resourcesOf(Tenant t) {
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("leadId", t.leadId());
        ids.put("userId", t.rep().id().toString());
        ids.put("connectionId", t.connectionId());
        ids.put("keyId", t.keyId());
        ids.put("messageId", t.messageId());
        ids.put("importId", t.importId());
        ids.put("propertyId", t.propertyId());
        ids.put("sourceId", t.sourceId());
        ids.put("ruleId", t.ruleId());
        ids.put("profileName", t.company().tenant().name().split(" ")[0].toLowerCase() + "-layout");
        ids.put("templateId", t.templateId());
        ids.put("replyId", t.replyId());
        ids.put("position", "0");
        ids.put("sequenceId", t.sequenceId());
        ids.put("enrolmentId", t.enrolmentId());
        ids.put("taskId", t.taskId());
        ids.put("triggerId", t.triggerId());
        ids.put("imageId", t.imageId());
        ids.put("photoId", t.photoId());
        ids.put("callId", t.callId());
        ids.put("claimId", t.claimId());
        ids.put("supplementId", t.supplementId());
        ids.put("documentId", t.documentId());
        return ids;
    }

    /** Parameters and a body that satisfy every endpoint's binding, so the tenant check is what answers. */
    private static final Map<String, String> PARAMS = Map.of("stage", "LOST", "role", "OWNER", "text", "hi",
            "code", "123456", "name", "x", "type", "EMAIL", "provider", "smtp", "status", "PAUSED");
    /**
     * Pages of the installation, not of a tenant: the sandbox sign-in inbox lets the server's operator, on the
     * server itself, read sign-in links before any email provider exists. It answers 404 to every other address
     * ({@code SandboxOutboxIntegrationTests}).
     */
    private static final Set<String> INSTALLATION_PAGES = Set.of("/outbox/sign-in");
    /**
     * What recipients and vendors reach without any session: the unsubscribe page, the open pixel and click
     * redirect, the webhooks of SendGrid, Microsoft Graph, Twilio and Telnyx. Their credential is the token,
     * signature or client state in the request, never a signed-in user, and they are tested as such
     * (EmailComplianceIntegrationTests, EmailTemplatesIntegrationTests, SendGridWebhookTests, GraphContractTests,
     * TwilioContractTests, TelnyxContractTests, VoiceCallIntegrationTests); the pixel answers the same image whatever it is given.
     */
    private static final Set<String> RECIPIENT_PAGES = Set.of("/u/{token}", "/t/c/{messageId}",
            "/t/o/{messageId}.gif", "/hooks/sendgrid/{tenant}", "/hooks/graph/{tenant}",
            "/hooks/graph/{tenant}/lifecycle", "/hooks/twilio/{tenant}/status", "/hooks/twilio/{tenant}/inbound",
            "/hooks/telnyx/{tenant}", "/hooks/voice/{company}/{message}/start", "/hooks/voice/{company}/{message}/turn",
            "/hooks/voice/{company}/{message}/status", "/hooks/voice/{company}/{message}/amd",
            "/hooks/voice/{company}/{message}/recording", "/hooks/voice/{company}/{message}/announce",
            "/hooks/voice/{company}/{message}/dialed", "/hooks/voice/{company}/{message}/streamed",
            "/hooks/voice/{company}/inbound", "/hooks/voice/{company}/inbound/dialed",
            // Base-map tiles are public map content, the same for every company.
            "/imagery/tiles/{z}/{x}/{y}.png");

    private static final String BODY = "{\"stage\":\"LOST\",\"ownerId\":null}";

    @Test
    void everyEndpointAnswers404ForAnotherTenantsIds() throws Exception {
        Cookie session = fixtures.signIn(mvc, a.company().owner());
        Map<String, String> bIds = resourcesOf(b);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("dev.ridgeline")) {
                continue;
            }
            for (String pattern : e.getKey().getPatternValues()) {
                if (!pattern.contains("{") || RECIPIENT_PAGES.contains(pattern)) {
                    continue;
                }
                String path = substitute(pattern, bIds, failures);
                if (path == null) {
                    continue;
                }
                for (HttpMethod method : methods(e.getKey())) {
                    int status = call(method, path, pattern.startsWith("/api/"), session).getStatus();
                    checked++;
                    if (status != 404) {
                        failures.add(method + " " + path + " (" + pattern + ") answered " + status + ", not 404");
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isGreaterThan(20);
        assertThat(jdbc.sql("select stage from leads.lead where id = cast(:id as uuid)").param("id", b.leadId())
                .query(String.class).single()).isEqualTo("NEW");
        assertThat(jdbc.sql("select count(*) from identity.api_key where id = cast(:id as uuid) and revoked_at is null")
                .param("id", b.keyId()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from connections.connection where id = cast(:id as uuid)")
                .param("id", b.connectionId()).query(Long.class).single()).isEqualTo(1);
        assertThat(identity.findUser(b.company().id(), b.rep().id()).orElseThrow().role()).isEqualTo(Role.REP);
    }

    @Test
    void noListShowsAnotherTenantsData() throws Exception {
        Cookie session = fixtures.signIn(mvc, a.company().owner());
        Set<String> bMarkers = Set.of(b.leadId(), b.sequenceId(), "Bravo Roofing sequence", "Knock on the door: 1 Bravo", b.connectionId(), b.keyId(), b.messageId(), b.importId(),
                b.propertyId(), "Bravo Roofing Owner", "1 Bravo Roofing Lane", "bravo-layout", b.sourceId(),
                "Bravo Roofing permits", b.rep().id().toString(), b.rep().email(), b.company().tenant().name(), "Bravo Roofing Way");
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("dev.ridgeline")) {
                continue;
            }
            if (!methods(e.getKey()).contains(HttpMethod.GET)) {
                continue;
            }
            for (String pattern : e.getKey().getPatternValues()) {
                if (pattern.contains("{") || INSTALLATION_PAGES.contains(pattern)) {
                    continue;
                }
                String body = call(HttpMethod.GET, pattern, pattern.startsWith("/api/"), session).getContentAsString();
                bMarkers.stream().filter(body::contains).forEach(m -> leaks.add("GET " + pattern + " shows " + m));
            }
        }
        assertThat(leaks).isEmpty();
    }

    private org.springframework.mock.web.MockHttpServletResponse call(HttpMethod method, String path, boolean api,
            Cookie session) throws Exception {
        MockHttpServletRequestBuilder req = request(method, path);
        if (api) {
            req.header("Authorization", "Bearer " + a.apiKey());
            if (method != HttpMethod.GET) {
                req.contentType(MediaType.APPLICATION_JSON).content(BODY);
            }
        } else {
            req.cookie(session).with(csrf());
            if (method != HttpMethod.GET) {
                PARAMS.forEach(req::param);
                req.param("ownerId", a.rep().id().toString());
            }
        }
        return mvc.perform(req).andReturn().getResponse();
    }

    private static String substitute(String pattern, Map<String, String> ids, List<String> failures) {
        Matcher m = Pattern.compile("\\{([^}:]+)(:[^}]*)?}").matcher(pattern);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = ids.get(m.group(1));
            if (id == null) {
                failures.add(pattern + " has path variable {" + m.group(1) + "} with no cross-tenant fixture");
                return null;
            }
            m.appendReplacement(out, id);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static List<HttpMethod> methods(RequestMappingInfo info) {
        Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
        if (declared.isEmpty()) {
            return List.of(HttpMethod.GET, HttpMethod.POST);
        }
        return declared.stream().map(m -> HttpMethod.valueOf(m.name())).toList();
    }
}
