package dev.ridgeline.outreach.web;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.OutreachService.OutboxFilter;
import dev.ridgeline.outreach.StatusChange;
import dev.ridgeline.platform.Actor;

@RestController
@RequestMapping("/api/v1/messages")
@Tag(name = "Outbox", description = "Outbound email, texts and calls with their delivery status")
class MessagesApiController {

    private final OutreachService outreach;

    MessagesApiController(OutreachService outreach) {
        this.outreach = outreach;
    }

    @GetMapping
    @Operation(summary = "List outbound messages, newest first")
    List<OutboundMessage> list(Actor actor, @RequestParam(required = false) @Nullable Channel channel,
            @RequestParam(required = false) @Nullable MessageStatus status, @RequestParam(defaultValue = "100") int limit) {
        return outreach.outbox(actor, new OutboxFilter(channel, status, limit));
    }

    @GetMapping("/{messageId}")
    @Operation(summary = "One message")
    OutboundMessage get(Actor actor, @PathVariable UUID messageId) {
        return outreach.get(actor, messageId);
    }

    @GetMapping("/{messageId}/history")
    @Operation(summary = "A message's status changes, oldest first")
    List<StatusChange> history(Actor actor, @PathVariable UUID messageId) {
        return outreach.history(actor, messageId);
    }
}
