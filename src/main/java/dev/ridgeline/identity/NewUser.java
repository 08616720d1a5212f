package dev.ridgeline.identity;

import org.jspecify.annotations.Nullable;

import dev.ridgeline.platform.Role;

/** An invitation: the email is where the invitation goes; the phone (optional) allows SMS sign-in. */
public record NewUser(String email, String name, @Nullable String phone, Role role) {
}
