package dev.ridgeline.outreach.provider.twilio;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.internal.CallbackJournal;
import dev.ridgeline.outreach.internal.EmailEventRepository;
import dev.ridgeline.outreach.internal.MessageRepository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the Twilio delivery reports the journal stored: woken by every commit of the journal (and every second
 * in case another node stored them), it takes them in order, a few hundred at a time in one transaction (a commit
 * per report would cost the database as much as the journal itself): plain steps forward in bulk, anything else
 * under a savepoint of its own so one bad report cannot hold up the rest.
 */
@Component
class TwilioCallbackApplier implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TwilioCallbackApplier.class);
    private static final TypeReference<Map<String, List<String>>> PARAMS = new TypeReference<>() {
    };

    private final CallbackJournal journal;
    private final TwilioWebhooks webhooks;
    private final TransactionTemplate batchTx;
    private final TransactionTemplate entryTx;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Semaphore wake = new Semaphore(0);
    private final OutreachService outreach;
    private final EmailEventRepository events;
    private final Clock clock;
    private final Thread thread;
    private volatile boolean running = true;

    TwilioCallbackApplier(CallbackJournal journal, TwilioWebhooks webhooks, PlatformTransactionManager transactions,
            OutreachService outreach, EmailEventRepository events, Clock clock) {
        this.outreach = outreach;
        this.events = events;
        this.clock = clock;
        this.journal = journal;
        this.webhooks = webhooks;
        this.batchTx = new TransactionTemplate(transactions);
        this.entryTx = new TransactionTemplate(transactions);
        this.entryTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        journal.onStored(() -> wake.release());
        this.thread = Thread.ofPlatform().name("twilio-callbacks").daemon().start(this::run);
    }

    private void run() {
        while (running) {
            try {
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
                while (running && applyBatch() > 0) {
                    // keep going while there is a backlog
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Applying Twilio callbacks failed: {}", e.getMessage());
            }
        }
    }

    /** A parsed report. */
    private record Report(CallbackJournal.Entry entry, Map<String, List<String>> params, @Nullable String sid,
            @Nullable MessageStatus status, @Nullable String code) {

        /** A plain step forward (queued, sent, delivered) with nothing to act on: applied in bulk. */
        boolean plain() {
            return sid != null && status != null && code == null && !status.failed();
        }
    }

    /**
     * Applies the next batch; how many there were. Plain steps forward (most reports) go in bulk, a handful of
     * statements for the whole batch; failures, error codes, odd reports and a text reported twice in one batch go
     * one at a time through {@link TwilioWebhooks#status}, each under its own savepoint.
     */
    int applyBatch() {
        Integer n = batchTx.execute(s -> {
            List<CallbackJournal.Entry> entries = journal.pending(TwilioSmsProvider.ID, 500);
            List<Report> reports = new ArrayList<>(entries.size());
            for (CallbackJournal.Entry e : entries) {
                try {
                    Map<String, List<String>> params = json.readValue(e.payload(), PARAMS);
                    String sid = TwilioWebhooks.first(params, "MessageSid");
                    String status = TwilioWebhooks.first(params, "MessageStatus");
                    reports.add(new Report(e, params, sid, status == null ? null : TwilioWebhooks.ours(status),
                            TwilioWebhooks.first(params, "ErrorCode")));
                } catch (RuntimeException ex) {
                    log.error("Twilio callback {} of {} is unreadable: {}", e.id(), e.tenantId(), ex.getMessage());
                }
            }
            Map<String, Long> perSid = reports.stream().filter(r -> r.sid() != null)
                    .collect(Collectors.groupingBy(Report::sid, Collectors.counting()));
            List<Report> bulk = reports.stream().filter(r -> r.plain() && perSid.get(r.sid()) == 1).toList();
            applyInBulk(bulk);
            for (Report r : reports) {
                if (!(r.plain() && perSid.get(r.sid()) == 1)) {
                    try {
                        entryTx.executeWithoutResult(t -> webhooks.status(r.entry().tenantId(), r.params()));
                    } catch (RuntimeException ex) {
                        log.error("Twilio callback {} of {} could not be applied: {}", r.entry().id(),
                                r.entry().tenantId(), ex.getMessage());
                    }
                }
            }
            if (!entries.isEmpty()) {
                journal.applied(entries.stream().map(CallbackJournal.Entry::id).toList());
            }
            return entries.size();
        });
        return n == null ? 0 : n;
    }

    private void applyInBulk(List<Report> bulk) {
        List<String> keys = bulk.stream().map(r -> r.sid() + ":" + TwilioWebhooks.first(r.params(), "MessageStatus"))
                .toList();
        Set<String> fresh = events.firstSights(TwilioSmsProvider.ID, keys, clock.instant());
        List<MessageRepository.VendorStatus> moves = new ArrayList<>();
        for (int i = 0; i < bulk.size(); i++) {
            if (fresh.contains(keys.get(i))) {
                Report r = bulk.get(i);
                moves.add(new MessageRepository.VendorStatus(r.entry().tenantId(), r.sid(), r.status(),
                        "Twilio: " + TwilioWebhooks.first(r.params(), "MessageStatus")));
            }
        }
        outreach.recordStatuses(TwilioSmsProvider.ID, moves);
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        wake.release();
        thread.join(2_000);
    }
}
