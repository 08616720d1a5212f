package dev.ridgeline.signals;

/** RUNNING while rows are read; DONE when the file was read (rejected rows included); FAILED if it could not be. */
public enum ImportStatus {
    RUNNING, DONE, FAILED
}
