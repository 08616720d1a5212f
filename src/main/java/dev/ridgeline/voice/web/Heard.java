package dev.ridgeline.voice.web;

/** What the sandbox homeowner typed, and what the recogniser heard when it was spoken ({@code by}: the recogniser). */
public record Heard(String typed, String heard, String by) {
}
