package dev.ridgeline.signals.internal;

/**
 * Remembers, for each natural key seen in a file, the line it first appeared on, so a repeat is reported as
 * "duplicate of line N" while the file streams. Keys are kept as 64-bit FNV-1a hashes in an open-addressing table:
 * 16 bytes per row, about 16 MB for a million rows. Two different keys sharing a hash (odds about 1 in 10^8 for
 * a million rows) would be reported as duplicates.
 */
final class FirstLines {

    private long[] keys;
    private long[] lines;
    private int size;

    FirstLines() {
        keys = new long[1 << 14];
        lines = new long[1 << 14];
    }

    /** Records the key's first line; returns the line it was first seen on, or 0 if this is the first time. */
    long firstSeen(String key, long line) {
        long h = hash(key);
        if (h == 0) {
            h = 1; // 0 marks an empty slot
        }
        if (size * 2 >= keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = (int) (mix(h) & mask);
        while (keys[i] != 0) {
            if (keys[i] == h) {
                return lines[i];
            }
            i = (i + 1) & mask;
        }
        keys[i] = h;
        lines[i] = line;
        size++;
        return 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        long[] oldLines = lines;
        keys = new long[oldKeys.length * 2];
        lines = new long[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != 0) {
                int i = (int) (mix(oldKeys[j]) & mask);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                lines[i] = oldLines[j];
            }
        }
    }

    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
