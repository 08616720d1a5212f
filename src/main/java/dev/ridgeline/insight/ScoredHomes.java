package dev.ridgeline.insight;

import java.util.List;

/** One page of ranked homes and how many match in all. */
public record ScoredHomes(List<HomeScore> homes, long total, int page, int size) {

    public ScoredHomes {
        homes = List.copyOf(homes);
    }

    public int pages() {
        return (int) Math.max(1, (total + size - 1) / size);
    }
}
