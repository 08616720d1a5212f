package dev.ridgeline.claims;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.IdGenerator;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.NotFoundException;

/** Files kept with a claim (the carrier's scope, photos, estimates), for the people who may see the lead. */
@Service
public class ClaimDocuments {

    private final JdbcClient jdbc;
    private final ClaimsService claims;
    private final IdGenerator ids;
    private final Clock clock;

    ClaimDocuments(JdbcClient jdbc, ClaimsService claims, IdGenerator ids, Clock clock) {
        this.jdbc = jdbc;
        this.claims = claims;
        this.ids = ids;
        this.clock = clock;
    }

    /** A file kept with a claim: the carrier's scope, photos, estimates. */
    public record Document(UUID id, UUID claimId, String kind, String fileName, String contentType, int size,
            Instant uploadedAt) {
    }

    static final int MAX_DOCUMENT_BYTES = 15 * 1024 * 1024;

    /** Keeps a file with the claim; PDFs, images and office documents up to 15 MB. */
    @Transactional
    public Document attach(Actor actor, UUID claimId, String kind, String fileName, String contentType, byte[] bytes) {
        claims.get(actor, claimId);
        Map<String, String> errors = new LinkedHashMap<>();
        if (!List.of("scope", "photo", "estimate", "other").contains(kind)) {
            errors.put("kind", "a document is a scope, a photo, an estimate or other, not '" + kind + "'");
        }
        if (bytes.length == 0) {
            errors.put("file", "the file " + fileName + " is empty");
        } else if (bytes.length > MAX_DOCUMENT_BYTES) {
            errors.put("file", "the file " + fileName + " is " + bytes.length / (1024 * 1024) + " MB; at most 15 MB");
        }
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (!(type.equals("application/pdf") || type.startsWith("image/jpeg") || type.startsWith("image/png")
                || type.startsWith("image/heic") || type.equals("text/csv")
                || type.startsWith("application/vnd.openxmlformats-officedocument")
                || type.equals("application/msword") || type.equals("application/vnd.ms-excel"))) {
            errors.put("file", "the file " + fileName + " is " + (type.isEmpty() ? "of no stated type" : type)
                    + "; PDFs, JPEG, PNG or HEIC photos, and Word or Excel files are kept");
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        UUID id = ids.next();
        String name = fileName == null || fileName.isBlank() ? "document" : fileName.replaceAll("[\\r\\n\"/\\\\]", "_");
        jdbc.sql("""
                insert into claims.document (tenant_id, id, claim_id, kind, file_name, content_type, bytes, size,
                  uploaded_by, uploaded_at)
                values (:t, :id, :c, :k, :n, :ct, :b, :s, :by, :at)""")
                .param("t", actor.tenantId().value()).param("id", id).param("c", claimId).param("k", kind)
                .param("n", name).param("ct", type).param("b", bytes).param("s", bytes.length)
                .param("by", actor.userId().value()).param("at", Timestamp.from(clock.instant())).update();
        return documents(actor, claimId).stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow();
    }

    public List<Document> documents(Actor actor, UUID claimId) {
        claims.get(actor, claimId);
        return jdbc.sql("""
                select id, claim_id, kind, file_name, content_type, size, uploaded_at from claims.document
                where tenant_id = :t and claim_id = :c order by uploaded_at, id""")
                .param("t", actor.tenantId().value()).param("c", claimId)
                .query((rs, n) -> new Document(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
                        rs.getTimestamp(7).toInstant())).list();
    }

    /** A document's description and bytes, for a person who may see the claim. */
    public Map.Entry<Document, byte[]> document(Actor actor, UUID documentId) {
        UUID claimId = jdbc.sql("select claim_id from claims.document where tenant_id = :t and id = :id")
                .param("t", actor.tenantId().value()).param("id", documentId).query(UUID.class).optional()
                .orElseThrow(() -> new NotFoundException("document", documentId));
        Document d = documents(actor, claimId).stream().filter(x -> x.id().equals(documentId)).findFirst()
                .orElseThrow(() -> new NotFoundException("document", documentId));
        byte[] bytes = jdbc.sql("select bytes from claims.document where tenant_id = :t and id = :id")
                .param("t", actor.tenantId().value()).param("id", documentId).query(byte[].class).single();
        return Map.entry(d, bytes);
    }
}
