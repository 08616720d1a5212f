package dev.ridgeline.claims.internal;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.ridgeline.claims.ClaimMoney;
import dev.ridgeline.claims.ClaimStatus;
import dev.ridgeline.leads.Lead;
import dev.ridgeline.leads.LeadStage;
import dev.ridgeline.leads.LeadsService;
import dev.ridgeline.platform.InvalidInputException;
import dev.ridgeline.platform.TenantId;
import dev.ridgeline.platform.io.CsvReader;
import dev.ridgeline.platform.io.TextFiles;
import dev.ridgeline.signals.ImportKind;
import dev.ridgeline.signals.ImportOptions;
import dev.ridgeline.signals.imports.FileImporter;
import dev.ridgeline.signals.imports.ImportCounts;
import dev.ridgeline.signals.imports.ImportSupport;

/**
 * Imports leads' claims from a CSV, one claim a row, as a CRM or a spreadsheet exports them. Columns are found by
 * their header under the common names ({@link #ALIASES}: "Claim #", "Date of Loss", "RCV", "Carrier Paid"...); the
 * lead is named by its id or found by its street address (and ZIP, when there is one). Each row is checked as the
 * claim page checks it (the money's arithmetic, the status, dates); a bad row is reported with its line, column and
 * reason and the good ones are kept. A lead's claim is merged on the lead, so running the file again changes nothing;
 * a status given for a claim already recorded is not applied (status moves are made on the claim).
 */
@Component
class ClaimRecordImporter extends FileImporter {

    /** Each field and the header names that mean it (compared without case, spaces or punctuation). */
    static final Map<String, List<String>> ALIASES = aliases();

    private final LeadsService leads;

    ClaimRecordImporter(ImportSupport support, LeadsService leads) {
        super(ImportKind.CLAIM_RECORDS, support);
        this.leads = leads;
    }

    private static Map<String, List<String>> aliases() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("leadId", List.of("leadid", "lead"));
        m.put("address", List.of("address", "street", "streetaddress", "propertyaddress", "lossaddress"));
        m.put("zip", List.of("zip", "zipcode", "postalcode"));
        m.put("carrier", List.of("carrier", "insurer", "insurance", "insurancecompany"));
        m.put("policyNumber", List.of("policy", "policynumber", "policyno"));
        m.put("claimNumber", List.of("claim", "claimnumber", "claimno"));
        m.put("dateOfLoss", List.of("dateofloss", "lossdate", "dol"));
        m.put("cause", List.of("cause", "causeofloss", "peril"));
        m.put("status", List.of("status", "claimstatus"));
        m.put("deductible", List.of("deductible"));
        m.put("rcv", List.of("rcv", "replacementcost", "replacementcostvalue"));
        m.put("acv", List.of("acv", "actualcashvalue"));
        m.put("recoverableDepreciation", List.of("recoverabledepreciation", "recdep", "recoverabledep"));
        m.put("nonRecoverableDepreciation", List.of("nonrecoverabledepreciation", "nonrecdep", "nonrecoverabledep"));
        m.put("overheadAndProfit", List.of("overheadandprofit", "op", "oandp", "overheadprofit"));
        m.put("paidByCarrier", List.of("paidbycarrier", "carrierpaid", "insurancepaid"));
        m.put("paidByHomeowner", List.of("paidbyhomeowner", "homeownerpaid"));
        m.put("adjusterName", List.of("adjuster", "adjustername"));
        m.put("adjusterPhone", List.of("adjusterphone"));
        m.put("adjusterEmail", List.of("adjusteremail"));
        return m;
    }

    static String key(String header) {
        return header.toLowerCase(Locale.ROOT).replace("#", "number").replace("&", "and").replaceAll("[^a-z0-9]", "");
    }

    @Override
    protected ImportCounts load(TenantId tenant, UUID importId, Path file, String fileName, TextFiles.Encoding encoding,
            ImportOptions options, LongConsumer progress) throws IOException {
        jdbc.sql("""
                create temp table stage_claim_record (line bigint, err_column text, err_reason text, lead_id uuid,
                  carrier text, policy_number text, claim_number text, date_of_loss date, cause text, status text,
                  deductible numeric(12,2), rcv numeric(12,2), acv numeric(12,2), dep_recoverable numeric(12,2),
                  dep_nonrecoverable numeric(12,2), overhead_profit numeric(12,2), paid_by_carrier numeric(12,2),
                  paid_by_homeowner numeric(12,2), adjuster_name text, adjuster_phone text, adjuster_email text)
                  on commit drop""").update();
        long read = 0;
        try (CsvReader csv = new CsvReader(TextFiles.open(file, encoding))) {
            CsvReader.Result header = csv.next();
            if (!(header instanceof CsvReader.Row headerRow)) {
                throw new FileProblem(header == null ? "the file has no rows" : "the header (line 1) cannot be read: "
                        + ((CsvReader.Malformed) header).reason());
            }
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < headerRow.fields().size(); i++) {
                String k = key(headerRow.fields().get(i));
                int col = i;
                ALIASES.forEach((field, names) -> {
                    if (names.contains(k)) {
                        columns.putIfAbsent(field, col);
                    }
                });
            }
            options.columns().forEach((field, headerName) -> {
                if (!ALIASES.containsKey(field)) {
                    throw new FileProblem("the column mapping names '" + field + "', which is not a claim field; the "
                            + "fields are " + String.join(", ", ALIASES.keySet()));
                }
                int at = -1;
                for (int i = 0; i < headerRow.fields().size(); i++) {
                    if (key(headerRow.fields().get(i)).equals(key(headerName))) {
                        at = i;
                    }
                }
                if (at < 0) {
                    throw new FileProblem("the column '" + headerName + "' given for " + field
                            + " is not in the header (line 1)");
                }
                columns.put(field, at);
            });
            if (!columns.containsKey("leadId") && !columns.containsKey("address")) {
                throw new FileProblem("the header (line 1) has neither a lead id nor an address column; the columns read "
                        + "are named like: " + String.join(", ", List.of("Lead ID", "Address", "ZIP", "Carrier",
                        "Claim Number", "Date of Loss", "Status", "RCV", "ACV")));
            }
            for (CsvReader.Result r = csv.next(); r != null; r = csv.next()) {
                read++;
                switch (r) {
                    case CsvReader.Malformed m -> reject(m.line(), null, m.reason());
                    case CsvReader.Row row -> stage(tenant, row, columns);
                }
                progress(tenant, importId, read, progress);
            }
            progress.accept(read);
        }
        jdbc.sql("""
                update stage_claim_record s set err_column = 'address', err_reason = 'the same lead as line ' || d.first_line
                from (select line, first_value(line) over (partition by lead_id order by line) as first_line
                      from stage_claim_record where err_reason is null) d
                where s.line = d.line and d.line <> d.first_line""").update();
        jdbc.sql("""
                update stage_claim_record s set err_column = 'claimNumber', err_reason = 'the same claim number as line '
                  || d.first_line
                from (select line, first_value(line) over (partition by carrier, claim_number order by line) as first_line
                      from stage_claim_record where err_reason is null and claim_number is not null) d
                where s.line = d.line and d.line <> d.first_line""").update();
        jdbc.sql("""
                update stage_claim_record s set err_column = 'claimNumber', err_reason = 'claim ' || s.claim_number
                  || ' with ' || s.carrier || ' is already on another lead'
                from claims.claim c
                where s.err_reason is null and c.tenant_id = :t and c.lead_id <> s.lead_id and c.carrier = s.carrier
                  and c.claim_number = s.claim_number""").param("t", tenant.value()).update();
        long rejected = recordProblems("stage_claim_record", tenant, importId);
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> merged = jdbc.sql("""
                with merged as (
                  insert into claims.claim (tenant_id, id, lead_id, carrier, policy_number, claim_number, date_of_loss,
                    cause, status, status_since, deductible, rcv, acv, dep_recoverable, dep_nonrecoverable,
                    overhead_profit, paid_by_carrier, paid_by_homeowner, adjuster_name, adjuster_phone, adjuster_email,
                    source, created_at, updated_at)
                  select :t, gen_random_uuid(), lead_id, carrier, policy_number, claim_number, date_of_loss, cause,
                    coalesce(status, 'FILED'), :now, deductible, rcv, acv, dep_recoverable, dep_nonrecoverable,
                    overhead_profit, paid_by_carrier, paid_by_homeowner, adjuster_name, adjuster_phone, adjuster_email,
                    'import', :now, :now
                  from stage_claim_record where err_reason is null
                  on conflict (tenant_id, lead_id) do update set carrier = excluded.carrier,
                    policy_number = excluded.policy_number, claim_number = excluded.claim_number,
                    date_of_loss = excluded.date_of_loss, cause = excluded.cause, deductible = excluded.deductible,
                    rcv = excluded.rcv, acv = excluded.acv, dep_recoverable = excluded.dep_recoverable,
                    dep_nonrecoverable = excluded.dep_nonrecoverable, overhead_profit = excluded.overhead_profit,
                    paid_by_carrier = excluded.paid_by_carrier, paid_by_homeowner = excluded.paid_by_homeowner,
                    adjuster_name = excluded.adjuster_name, adjuster_phone = excluded.adjuster_phone,
                    adjuster_email = excluded.adjuster_email, updated_at = excluded.updated_at
                  where (claim.carrier, claim.policy_number, claim.claim_number, claim.date_of_loss, claim.cause,
                    claim.deductible, claim.rcv, claim.acv, claim.dep_recoverable, claim.dep_nonrecoverable,
                    claim.overhead_profit, claim.paid_by_carrier, claim.paid_by_homeowner, claim.adjuster_name,
                    claim.adjuster_phone, claim.adjuster_email) is distinct from (excluded.carrier,
                    excluded.policy_number, excluded.claim_number, excluded.date_of_loss, excluded.cause,
                    excluded.deductible, excluded.rcv, excluded.acv, excluded.dep_recoverable,
                    excluded.dep_nonrecoverable, excluded.overhead_profit, excluded.paid_by_carrier,
                    excluded.paid_by_homeowner, excluded.adjuster_name, excluded.adjuster_phone, excluded.adjuster_email)
                  returning id, lead_id, status, (xmax = 0) as inserted)
                select id, lead_id, status, inserted from merged""")
                .param("t", tenant.value()).param("now", now)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getBoolean(4)}).list();
        long stored = 0;
        for (Object[] m : merged) {
            if (!(Boolean) m[3]) {
                continue;
            }
            stored++;
            jdbc.sql("""
                    insert into claims.status_change (tenant_id, claim_id, from_status, to_status, note, at)
                    values (:t, :c, null, :s, :note, :now)""").param("t", tenant.value()).param("c", m[0])
                    .param("s", m[2]).param("note", "imported from " + fileName).param("now", now).update();
            if (!m[2].equals("NOT_FILED")) {
                leads.advance(tenant, (UUID) m[1], LeadStage.CLAIM_FILED, "insurance claim imported from " + fileName);
            }
        }
        return finish(tenant, importId, ImportCounts.of(read, rejected, stored, merged.size() - stored));
    }

    private void reject(long line, @Nullable String column, String reason) {
        jdbc.sql("insert into stage_claim_record (line, err_column, err_reason) values (:l, :c, :r)")
                .param("l", line).param("c", column).param("r", reason).update();
    }

    private void stage(TenantId tenant, CsvReader.Row row, Map<String, Integer> columns) {
        Map<String, String> v = new HashMap<>();
        columns.forEach((field, col) -> {
            if (col < row.fields().size() && !row.fields().get(col).isBlank()) {
                v.put(field, row.fields().get(col).strip());
            }
        });
        long line = row.line();
        // The lead: by id, else by address (and ZIP).
        Lead lead = null;
        if (v.containsKey("leadId")) {
            try {
                lead = leads.find(tenant, UUID.fromString(v.get("leadId"))).orElse(null);
            } catch (IllegalArgumentException e) {
                reject(line, "leadId", "'" + v.get("leadId") + "' is not a lead id");
                return;
            }
            if (lead == null) {
                reject(line, "leadId", "no lead " + v.get("leadId"));
                return;
            }
        } else if (v.containsKey("address")) {
            List<Lead> found = leads.atAddress(tenant, v.get("address"), v.get("zip"));
            if (found.isEmpty()) {
                reject(line, "address", "no lead at " + v.get("address") + (v.containsKey("zip") ? " " + v.get("zip") : ""));
                return;
            }
            if (found.size() > 1) {
                reject(line, "address", "more than one lead at " + v.get("address") + "; add the ZIP or the lead id");
                return;
            }
            lead = found.getFirst();
        } else {
            reject(line, "address", "the lead is not named: no address or lead id");
            return;
        }
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate loss = date(v.get("dateOfLoss"), errors);
        if (loss != null && loss.isAfter(LocalDate.now(clock).plusDays(1))) {
            errors.put("dateOfLoss", "the date of loss " + loss + " is in the future");
        }
        String cause = v.getOrDefault("cause", "hail").toLowerCase(Locale.ROOT);
        if (!List.of("hail", "wind", "tornado", "other").contains(cause)) {
            errors.put("cause", "the cause is hail, wind, tornado or other, not '" + v.get("cause") + "'");
        }
        String status = null;
        if (v.containsKey("status")) {
            String s = v.get("status").toUpperCase(Locale.ROOT).replaceAll("[^A-Z]+", "_");
            try {
                status = ClaimStatus.valueOf(s).name();
            } catch (IllegalArgumentException e) {
                errors.put("status", "'" + v.get("status") + "' is not a claim status (Filed, Approved, Denied, Paid...)");
            }
        }
        String[] amounts = {"deductible", "rcv", "acv", "recoverableDepreciation", "nonRecoverableDepreciation",
                "overheadAndProfit", "paidByCarrier", "paidByHomeowner"};
        Map<String, BigDecimal> money = new HashMap<>();
        for (String a : amounts) {
            String raw = v.get(a);
            if (raw == null) {
                money.put(a, BigDecimal.ZERO.setScale(2));
                continue;
            }
            try {
                money.put(a, new BigDecimal(raw.replace("$", "").replace(",", "").strip()));
            } catch (NumberFormatException e) {
                errors.put(a, "'" + raw + "' is not an amount in dollars");
            }
        }
        if (v.containsKey("adjusterEmail") && !v.get("adjusterEmail").matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.put("adjusterEmail", "'" + v.get("adjusterEmail") + "' is not an email address");
        }
        ClaimMoney checked = null;
        if (money.size() == amounts.length) {
            try {
                checked = new ClaimMoney(money.get("rcv"), money.get("acv"), money.get("recoverableDepreciation"),
                        money.get("nonRecoverableDepreciation"), money.get("overheadAndProfit"), money.get("deductible"),
                        money.get("paidByCarrier"), money.get("paidByHomeowner"), BigDecimal.ZERO.setScale(2)).checked();
            } catch (InvalidInputException e) {
                errors.putAll(e.fieldErrors());
            }
        }
        if (!errors.isEmpty()) {
            var first = errors.entrySet().iterator().next();
            reject(line, first.getKey(), String.join("; ", errors.values()));
            return;
        }
        jdbc.sql("""
                insert into stage_claim_record (line, lead_id, carrier, policy_number, claim_number, date_of_loss, cause,
                  status, deductible, rcv, acv, dep_recoverable, dep_nonrecoverable, overhead_profit, paid_by_carrier,
                  paid_by_homeowner, adjuster_name, adjuster_phone, adjuster_email)
                values (:line, :lead, :carrier, :policy, :number, :loss, :cause, :status, :ded, :rcv, :acv, :dr, :dn, :op,
                  :pc, :ph, :an, :ap, :ae)""")
                .param("line", line).param("lead", lead.id()).param("carrier", v.get("carrier"))
                .param("policy", v.get("policyNumber")).param("number", v.get("claimNumber")).param("loss", loss)
                .param("cause", cause).param("status", status).param("ded", checked.deductible())
                .param("rcv", checked.rcv()).param("acv", checked.acv()).param("dr", checked.recoverableDepreciation())
                .param("dn", checked.nonRecoverableDepreciation()).param("op", checked.overheadAndProfit())
                .param("pc", checked.paidByCarrier()).param("ph", checked.paidByHomeowner())
                .param("an", v.get("adjusterName")).param("ap", v.get("adjusterPhone"))
                .param("ae", v.get("adjusterEmail")).update();
    }

    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("M/d/yyyy"), DateTimeFormatter.ofPattern("M/d/yy"));

    private static @Nullable LocalDate date(@Nullable String raw, Map<String, String> errors) {
        if (raw == null) {
            return null;
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(raw, f);
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        errors.put("dateOfLoss", "'" + raw + "' is not a date (YYYY-MM-DD or M/D/YYYY)");
        return null;
    }
}
