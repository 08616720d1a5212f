package dev.ridgeline.outreach.web;

import java.time.Duration;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletRequest;

import dev.ridgeline.outreach.Channel;
import dev.ridgeline.outreach.MessagePurpose;
import dev.ridgeline.outreach.MessageStatus;
import dev.ridgeline.outreach.OutboundMessage;
import dev.ridgeline.outreach.OutreachProperties;
import dev.ridgeline.outreach.OutreachService;
import dev.ridgeline.outreach.OutreachService.OutboxFilter;
import dev.ridgeline.outreach.SendRequest;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.Permission;
import dev.ridgeline.platform.web.Flash;
import dev.ridgeline.platform.web.Requests;

/** The Outbox: every email, text and call, with live status; and the loopback-only sandbox inbox for sign-in. */
@Controller
class OutboxController {

    private final OutreachService outreach;
    private final OutreachProperties properties;

    private final dev.ridgeline.outreach.EmailReplies replies;
    private final dev.ridgeline.outreach.Mailboxes mailboxes;
    private final dev.ridgeline.outreach.SmsConversations conversations;

    OutboxController(OutreachService outreach, OutreachProperties properties,
            dev.ridgeline.outreach.EmailReplies replies, dev.ridgeline.outreach.Mailboxes mailboxes,
            dev.ridgeline.outreach.SmsConversations conversations) {
        this.conversations = conversations;
        this.mailboxes = mailboxes;
        this.replies = replies;
        this.outreach = outreach;
        this.properties = properties;
    }

    @GetMapping("/inbox")
    String inbox(Actor actor, Model model) {
        model.addAttribute("replies", replies.inbox(actor, 200));
        return "outreach/inbox";
    }

    @GetMapping("/inbox/{replyId}")
    String thread(Actor actor, @PathVariable UUID replyId, Model model) {
        var thread = replies.thread(actor, replyId);
        if (thread.replies().stream().anyMatch(r -> r.id().equals(replyId) && r.channel() == Channel.SMS)) {
            model.addAttribute("conversation", conversations.of(actor, replyId));
            return "outreach/conversation";
        }
        model.addAttribute("thread", thread);
        return "outreach/thread";
    }

    /**
     * A picture or file a contact sent by text. Pictures (JPEG, PNG, GIF, WebP) are shown in the page; anything
     * else, SVG included (it can carry script), is offered as a download.
     */
    @GetMapping("/inbox/{replyId}/media/{position}")
    org.springframework.http.ResponseEntity<byte[]> media(Actor actor, @PathVariable UUID replyId,
            @PathVariable int position) {
        var content = conversations.media(actor, replyId, position);
        boolean picture = java.util.Set.of("image/jpeg", "image/png", "image/gif", "image/webp")
                .contains(content.contentType());
        org.springframework.http.MediaType type;
        try {
            type = org.springframework.http.MediaType.parseMediaType(content.contentType());
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            type = org.springframework.http.MediaType.APPLICATION_OCTET_STREAM;
        }
        return org.springframework.http.ResponseEntity.ok()
                .contentType(picture ? type : org.springframework.http.MediaType.APPLICATION_OCTET_STREAM)
                .header("Content-Disposition", (picture ? "inline" : "attachment") + "; filename=\"text-" + replyId
                        + "-" + position + "\"")
                .cacheControl(org.springframework.http.CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate())
                .body(content.bytes());
    }

    /** One picture or file of a text as the conversation shows it; polled while it is being fetched. */
    @GetMapping("/inbox/{replyId}/media/{position}/tile")
    String mediaTile(Actor actor, @PathVariable UUID replyId, @PathVariable int position, Model model) {
        var conversation = conversations.of(actor, replyId);
        var media = conversation.lines().stream().flatMap(l -> l.media().stream())
                .filter(m -> m.replyId().equals(replyId) && m.position() == position).findFirst()
                .orElseThrow(() -> new dev.ridgeline.platform.NotFoundException("picture of the text", replyId));
        model.addAttribute("m", media);
        model.addAttribute("phone", conversation.phone());
        return "outreach/media-tile";
    }

    /** A rep's answer in a text conversation, from the page (a phone works too). */
    @PostMapping("/inbox/{replyId}/answer")
    String answer(Actor actor, @PathVariable UUID replyId, @RequestParam(defaultValue = "") String text,
            RedirectAttributes redirect) {
        try {
            conversations.answer(actor, replyId, text);
        } catch (dev.ridgeline.platform.InvalidInputException e) {
            Flash.error(redirect, String.join(" ", e.fieldErrors().values()));
        }
        return "redirect:/inbox/" + replyId;
    }

    @PostMapping("/outbox/mailboxes/{connectionId}/resume")
    String resume(Actor actor, @PathVariable UUID connectionId, RedirectAttributes redirect) {
        try {
            int waiting = mailboxes.resume(actor, connectionId);
            Flash.notice(redirect, "Sending resumed; " + waiting + " waiting email(s) go out now.");
        } catch (dev.ridgeline.platform.InvalidInputException e) {
            Flash.error(redirect, String.join(" ", e.fieldErrors().values()));
        }
        return "redirect:/outbox";
    }

    /** The sandbox's stand-in for the homeowner: answer an email it delivered, to see the Inbox work. */
    @PostMapping("/outbox/{messageId}/reply")
    String simulateReply(Actor actor, @PathVariable UUID messageId, @RequestParam(defaultValue = "") String text,
            @RequestParam(defaultValue = "false") boolean photo, RedirectAttributes redirect) {
        try {
            if (outreach.get(actor, messageId).channel() == Channel.SMS) {
                var received = conversations.simulateReply(actor, messageId, text, photo);
                Flash.notice(redirect, "The contact's text is in the Inbox"
                        + (received.reading().act() ? " (read as " + received.reading().intent().name() + ")" : "")
                        + (received.reading().review() ? " (it may be an opt-out: review it)" : "") + ".");
                return "redirect:/inbox/" + received.replyId();
            }
            dev.ridgeline.outreach.Reply r = replies.simulateReply(actor, messageId, text);
            Flash.notice(redirect, "The homeowner's reply is in the Inbox.");
            return "redirect:/inbox/" + r.id();
        } catch (dev.ridgeline.platform.InvalidInputException e) {
            Flash.error(redirect, String.join(" ", e.fieldErrors().values()));
            return "redirect:/outbox/" + messageId;
        }
    }

    @GetMapping("/outbox")
    String outbox(Actor actor, @RequestParam(required = false) @Nullable Channel channel,
            @RequestParam(required = false) @Nullable MessageStatus status, HttpServletRequest request, Model model) {
        model.addAttribute("messages", outreach.outbox(actor, new OutboxFilter(channel, status, 200)));
        model.addAttribute("channel", channel);
        model.addAttribute("status", status);
        model.addAttribute("canSendTest", actor.can(Permission.OUTBOX_VIEW_ALL));
        boolean all = actor.can(Permission.OUTBOX_VIEW_ALL);
        model.addAttribute("mailboxes", all ? mailboxes.health(actor) : java.util.List.of());
        model.addAttribute("waiting", all ? mailboxes.waiting(actor) : 0);
        return Requests.htmx(request) && "outbox-rows".equals(request.getHeader("HX-Target"))
                ? "outreach/outbox-rows" : "outreach/outbox";
    }

    @GetMapping("/outbox/{messageId}")
    String message(Actor actor, @PathVariable UUID messageId, Model model) {
        model.addAttribute("message", outreach.get(actor, messageId));
        model.addAttribute("history", outreach.history(actor, messageId));
        model.addAttribute("canSimulateReply", "sandbox".equals(outreach.get(actor, messageId).providerId())
                && outreach.get(actor, messageId).channel() != Channel.VOICE);
        return "outreach/message";
    }

    /** A test send through the company's current provider, to check a connection end to end. */
    @PostMapping("/outbox/test")
    String test(Actor actor, @RequestParam Channel channel, @RequestParam(defaultValue = "") String to,
            RedirectAttributes redirect) {
        actor.require(Permission.OUTBOX_VIEW_ALL);
        if (to.isBlank()) {
            Flash.error(redirect, "Enter an address or number to send the test to.");
            return "redirect:/outbox";
        }
        String body = switch (channel) {
            case EMAIL -> "This is a test email from Ridgeline. If you can read it, email sending works.";
            case SMS -> "Ridgeline test message: SMS sending works.";
            case VOICE -> "Hello, this is a test call from Ridgeline. Goodbye.";
        };
        OutboundMessage m = outreach.send(new SendRequest(actor.tenantId(), channel, MessagePurpose.NOTIFICATION,
                to.trim(), channel == Channel.EMAIL ? "Ridgeline test email" : null, body,
                "test:" + UUID.randomUUID(), actor.userId()));
        Flash.notice(redirect, "Test " + channel.name().toLowerCase() + " queued via " + m.providerId() + ".");
        return "redirect:/outbox/" + m.id();
    }

    /** A connection's "Send test": an email through that mailbox to the signed-in user. */
    @PostMapping("/outbox/test-from/{connectionId}")
    String testFrom(Actor actor, @PathVariable UUID connectionId, RedirectAttributes redirect) {
        OutboundMessage m = outreach.sendTestFrom(actor, connectionId);
        Flash.notice(redirect, "Test email queued to " + m.to() + " through that mailbox; its status shows below.");
        return "redirect:/outbox/" + m.id();
    }

    /**
     * Sign-in links and codes the sandbox delivered in the last hour. No sign-in needed, so the first owner can
     * get in before any vendor is connected, but only from this machine (loopback), and only sign-in messages.
     */
    @GetMapping("/outbox/sign-in")
    String signInInbox(HttpServletRequest request, Model model) {
        if (!properties.sandboxInboxEnabled() || !Requests.fromLoopback(request)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        model.addAttribute("messages", outreach.sandboxSignInMessages(Duration.ofHours(1), 20));
        return "outreach/sign-in-inbox";
    }
}
