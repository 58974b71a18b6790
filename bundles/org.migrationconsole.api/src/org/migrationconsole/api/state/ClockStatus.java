package org.migrationconsole.api.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.migrationconsole.api.step.MigrationClock;

/**
 * The state of one migration clock at a moment.
 *
 * @param clock which clock
 * @param level how urgent it is
 * @param startedAt when it started, or null if it has not
 * @param stoppedAt when the awaited action happened (deadline met), or null
 * @param endsAt start plus the clock's limit, or null if not started
 * @param remaining time left until {@code endsAt} (negative when past), or null if not started
 * @param message a sentence for the administrator, e.g. "Remove the source server within 6 days 4 h
 *            (by 2026-12-15 10:00 UTC)"
 */
public record ClockStatus(MigrationClock clock, Level level, Instant startedAt, Instant stoppedAt, Instant endsAt,
        Duration remaining, String message) {

    /** Urgency levels. */
    public enum Level {
        NOT_STARTED("not-started"),
        RUNNING("running"),
        /** At or below the first warning threshold (e.g. 7 days left of 21). */
        WARNING("warning"),
        /** At or below the last warning threshold (e.g. 1 day left). */
        CRITICAL("critical"),
        /** A deadline ran out before its action was done. */
        EXPIRED("expired"),
        /** The deadline's action was done in time, or a hold is over. */
        DONE("done");

        private final String id;

        Level(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public Optional<Duration> timeLeft() {
        return Optional.ofNullable(remaining);
    }
}
