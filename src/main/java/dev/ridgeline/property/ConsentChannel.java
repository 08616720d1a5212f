package dev.ridgeline.property;

/** A channel consent is given or refused for. */
public enum ConsentChannel {
    SMS, CALL, EMAIL
}
