package dev.ridgeline.platform.internal.crypto;

/** The stored data keyset was sealed under a different master key than the one configured. */
public class WrongMasterKeyException extends IllegalStateException {

    WrongMasterKeyException(String source) {
        super("The master key from " + source + " does not open the data keyset stored in the database. "
                + "Set RIDGELINE_MASTER_KEY (or restore the key file) to the key this database was created with.");
    }
}
