package dev.ridgeline.platform;

/** Implemented by the security principals of sessions and API keys, so any module can ask who is acting. */
public interface ActorPrincipal {

    Actor actor();
}
