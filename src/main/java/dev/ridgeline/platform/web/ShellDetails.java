package dev.ridgeline.platform.web;

import dev.ridgeline.platform.Actor;

/** Filled in by the identity module: the names the page header shows for the signed-in actor. */
public interface ShellDetails {

    String companyName(Actor actor);

    String userName(Actor actor);
}
