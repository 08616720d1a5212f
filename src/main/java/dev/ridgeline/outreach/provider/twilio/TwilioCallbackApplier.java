package dev.ridgeline.outreach.provider.twilio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.ridgeline.outreach.internal.CallbackJournal;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies the Twilio delivery reports the journal stored: woken by every commit of the journal (and every second
 * in case another node stored them), it takes them in order, a few hundred at a time, each applied in a
 * transaction of its own so one bad report cannot hold up the rest.
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
    private final Thread thread;
    private volatile boolean running = true;

    TwilioCallbackApplier(CallbackJournal journal, TwilioWebhooks webhooks, PlatformTransactionManager transactions) {
        this.journal = journal;
        this.webhooks = webhooks;
        this.batchTx = new TransactionTemplate(transactions);
        this.entryTx = new TransactionTemplate(transactions);
        this.entryTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
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

    /** Applies the next batch; how many there were. */
    int applyBatch() {
        Integer n = batchTx.execute(s -> {
            List<CallbackJournal.Entry> entries = journal.pending(TwilioSmsProvider.ID, 500);
            List<Long> done = new ArrayList<>(entries.size());
            for (CallbackJournal.Entry e : entries) {
                try {
                    Map<String, List<String>> params = json.readValue(e.payload(), PARAMS);
                    entryTx.executeWithoutResult(t -> webhooks.status(e.tenantId(), params));
                } catch (RuntimeException ex) {
                    log.error("Twilio callback {} of {} could not be applied: {}", e.id(), e.tenantId(), ex.getMessage());
                }
                done.add(e.id());
            }
            if (!done.isEmpty()) {
                journal.applied(done);
            }
            return entries.size();
        });
        return n == null ? 0 : n;
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        wake.release();
        thread.join(2_000);
    }
}
