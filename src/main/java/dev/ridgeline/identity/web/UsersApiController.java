package dev.ridgeline.identity.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import dev.ridgeline.identity.IdentityService;
import dev.ridgeline.identity.Tenant;
import dev.ridgeline.identity.User;
import dev.ridgeline.platform.Actor;
import dev.ridgeline.platform.UserId;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Company and users")
class UsersApiController {

    private final IdentityService identity;

    UsersApiController(IdentityService identity) {
        this.identity = identity;
    }

    @GetMapping("/company")
    @Operation(summary = "The company this key belongs to")
    Tenant company(Actor actor) {
        return identity.getTenant(actor.tenantId());
    }

    @GetMapping("/users")
    @Operation(summary = "The company's users")
    List<User> users(Actor actor) {
        return identity.users(actor);
    }

    @GetMapping("/users/{userId}")
    @Operation(summary = "One user")
    User user(Actor actor, @PathVariable UserId userId) {
        return identity.getUser(actor, userId);
    }
}
