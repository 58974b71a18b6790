package org.migrationconsole.core.internal.state;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.migrationconsole.api.state.ClockStatus;
import org.migrationconsole.api.state.ClockStatus.Level;
import org.migrationconsole.api.step.MigrationClock;

/** Computes a clock's level and message from when it started and stopped. */
public final class Clocks {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Clocks() {
    }

    /**
     * @param startedBy title of the task that starts the clock (for the "not started" message)
     */
    public static ClockStatus status(MigrationClock clock, Instant startedAt, Instant stoppedAt, Instant now,
            String startedBy) {
        if (startedAt == null) {
            String how = startedBy == null ? "no installed step starts it" : "starts when \"" + startedBy
                    + "\" is completed";
            return new ClockStatus(clock, Level.NOT_STARTED, null, null, null, null,
                    label(clock) + ": not started (" + how + ")");
        }
        Instant endsAt = startedAt.plus(clock.limit());
        Duration remaining = Duration.between(now, endsAt);
        long limitDays = clock.limit().toDays();
        if (clock.kind() == MigrationClock.Kind.HOLD) {
            if (remaining.isNegative() || remaining.isZero()) {
                return new ClockStatus(clock, Level.DONE, startedAt, null, endsAt, remaining, "The " + limitDays
                        + "-day hold ended on " + WHEN.format(endsAt) + "; the source server may now be reformatted");
            }
            return new ClockStatus(clock, Level.RUNNING, startedAt, null, endsAt, remaining,
                    clock.action() + " for another " + human(remaining) + " (until " + WHEN.format(endsAt) + ")");
        }
        if (stoppedAt != null && !stoppedAt.isBefore(startedAt)) {
            Duration used = Duration.between(startedAt, stoppedAt);
            boolean inTime = !stoppedAt.isAfter(endsAt);
            return new ClockStatus(clock, inTime ? Level.DONE : Level.EXPIRED, startedAt, stoppedAt, endsAt, remaining,
                    clock.action() + ": done on " + WHEN.format(stoppedAt) + ", " + human(used) + " after the start"
                            + (inTime ? "" : ", later than the " + limitDays + "-day limit"));
        }
        if (remaining.isNegative() || remaining.isZero()) {
            return new ClockStatus(clock, Level.EXPIRED, startedAt, null, endsAt, remaining, "The " + limitDays
                    + "-day limit ran out on " + WHEN.format(endsAt) + " (" + human(remaining.negated())
                    + " ago): " + clock.action().toLowerCase() + " was due by then");
        }
        Level level = Level.RUNNING;
        int smallest = Integer.MAX_VALUE;
        for (int days : clock.warnDaysLeft()) {
            if (remaining.compareTo(Duration.ofDays(days)) <= 0) {
                level = Level.WARNING;
                smallest = Math.min(smallest, days);
            }
        }
        if (level == Level.WARNING && !clock.warnDaysLeft().isEmpty()
                && smallest == clock.warnDaysLeft().get(clock.warnDaysLeft().size() - 1)) {
            level = Level.CRITICAL;
        }
        return new ClockStatus(clock, level, startedAt, null, endsAt, remaining, clock.action() + " within "
                + human(remaining) + " (by " + WHEN.format(endsAt) + "; " + limitDays + "-day limit)");
    }

    /** A short label for a clock. */
    public static String label(MigrationClock clock) {
        return switch (clock) {
            case PREPARATION_TOOL -> "Preparation tool validity (14 days)";
            case DESTINATION_INSTALLED -> "Coexistence (21 days)";
            case SOURCE_REMOVED -> "Reformat hold (7 days)";
        };
    }

    /** "3 days 4 h", "5 h 10 min", "42 min". */
    public static String human(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        if (days > 0) {
            return days + (days == 1 ? " day" : " days") + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (mins > 0 ? " " + mins + " min" : "");
        }
        return mins + " min";
    }

    public static String when(Instant instant) {
        return WHEN.format(instant);
    }
}
