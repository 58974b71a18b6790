package org.migrationconsole.api.step;

import java.time.Duration;
import java.util.List;

/**
 * The migration's clocks. A task can start a clock when it completes and stop another one;
 * tasks can be gated by a deadline clock so they are blocked once it has run out.
 */
public enum MigrationClock {
    /**
     * The preparation tool last succeeded: the destination must be installed within 14 days,
     * otherwise setup refuses and the tool has to run again.
     */
    PREPARATION_TOOL("preparation-tool", Kind.DEADLINE, Duration.ofDays(14), List.of(3, 1),
            "Install the destination server"),
    /**
     * The destination server was installed: the source server must be removed within 21 days,
     * after which it shuts itself down.
     */
    DESTINATION_INSTALLED("coexistence", Kind.DEADLINE, Duration.ofDays(21), List.of(7, 3, 1),
            "Remove the source server"),
    /** The source server was removed: keep it unformatted for at least 7 days. */
    SOURCE_REMOVED("reformat-hold", Kind.HOLD, Duration.ofDays(7), List.of(),
            "Do not reformat the source server");

    /** Whether running out is a failure (deadline) or a release (hold). */
    public enum Kind {
        DEADLINE, HOLD
    }

    private final String id;
    private final Kind kind;
    private final Duration limit;
    private final List<Integer> warnDaysLeft;
    private final String action;

    MigrationClock(String id, Kind kind, Duration limit, List<Integer> warnDaysLeft, String action) {
        this.id = id;
        this.kind = kind;
        this.limit = limit;
        this.warnDaysLeft = warnDaysLeft;
        this.action = action;
    }

    /** The name used in files and JSON output. */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** How long after the clock starts its deadline (or hold) ends. */
    public Duration limit() {
        return limit;
    }

    /** Days left at which the console warns, largest first. */
    public List<Integer> warnDaysLeft() {
        return warnDaysLeft;
    }

    /** What has to happen before the limit (deadline) or must not happen before it (hold). */
    public String action() {
        return action;
    }

    /** Looks a clock up by its {@link #id()}. */
    public static MigrationClock byId(String id) {
        for (MigrationClock c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown clock '" + id + "'");
    }
}
