package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationconsole.api.state.ClockStatus;
import org.migrationconsole.api.state.ClockStatus.Level;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.api.step.MigrationClock;
import org.migrationconsole.core.internal.state.MigrationStore;

class ClocksTest {

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock("2026-11-01T08:00:00Z");
    private MigrationStore store;

    @BeforeEach
    void open() {
        store = MigrationStore.open(dir, clock, "tester");
        store.setSteps(TestSteps.both());
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private ClockStatus clock(MigrationClock c) {
        return store.clocks().stream().filter(s -> s.clock() == c).findFirst().orElseThrow();
    }

    @Test
    void clocksStartWhenTheirTaskCompletes() throws Exception {
        assertEquals(Level.NOT_STARTED, clock(MigrationClock.PREPARATION_TOOL).level());
        assertTrue(clock(MigrationClock.PREPARATION_TOOL).message().contains("Run the tool"));
        store.complete("prep.backup", null);
        store.complete("prep.tool", null);
        ClockStatus prep = clock(MigrationClock.PREPARATION_TOOL);
        assertEquals(Level.RUNNING, prep.level());
        assertEquals(clock.instant(), prep.startedAt());
        assertEquals(Duration.ofDays(14), prep.remaining());
    }

    @Test
    void installIsBlockedOnceTheFourteenDaysRunOutAndFreedByRerunningTheTool() throws Exception {
        store.complete("prep.backup", null);
        store.complete("prep.tool", null);
        clock.advance(Duration.ofDays(12));
        assertEquals(Level.WARNING, clock(MigrationClock.PREPARATION_TOOL).level());
        clock.advance(Duration.ofDays(1).plusHours(1));
        assertEquals(Level.CRITICAL, clock(MigrationClock.PREPARATION_TOOL).level());
        clock.advance(Duration.ofDays(1));
        assertEquals(Level.EXPIRED, clock(MigrationClock.PREPARATION_TOOL).level());
        assertEquals(TaskState.BLOCKED, store.task("inst.setup").orElseThrow().state());
        String reason = store.task("inst.setup").orElseThrow().blockedReasons().get(0);
        assertTrue(reason.contains("14-day") && reason.contains("prep.tool"), reason);
        MigrationRuleException e = org.junit.jupiter.api.Assertions.assertThrows(MigrationRuleException.class,
                () -> store.complete("inst.setup", null));
        assertTrue(e.getMessage().contains("14-day"), e.getMessage());

        store.reset("prep.tool", "tool older than 14 days, running it again");
        assertEquals(Level.NOT_STARTED, clock(MigrationClock.PREPARATION_TOOL).level());
        store.complete("prep.tool", "scan clean again");
        assertEquals(Level.RUNNING, clock(MigrationClock.PREPARATION_TOOL).level());
        store.complete("inst.setup", null);
        assertEquals(Level.DONE, clock(MigrationClock.PREPARATION_TOOL).level());
    }

    @Test
    void coexistenceWarnsAtSevenThreeAndOneDaysLeftThenExpires() throws Exception {
        store.complete("prep.backup", null);
        store.complete("prep.tool", null);
        store.complete("inst.setup", null);
        ClockStatus c = clock(MigrationClock.DESTINATION_INSTALLED);
        assertEquals(Level.RUNNING, c.level());
        assertEquals(Duration.ofDays(21), c.remaining());
        clock.advance(Duration.ofDays(13));
        assertEquals(Level.RUNNING, clock(MigrationClock.DESTINATION_INSTALLED).level());
        clock.advance(Duration.ofDays(1));
        assertEquals(Level.WARNING, clock(MigrationClock.DESTINATION_INSTALLED).level(), "7 days left");
        clock.advance(Duration.ofDays(4));
        assertEquals(Level.WARNING, clock(MigrationClock.DESTINATION_INSTALLED).level(), "3 days left");
        clock.advance(Duration.ofDays(2));
        c = clock(MigrationClock.DESTINATION_INSTALLED);
        assertEquals(Level.CRITICAL, c.level(), "1 day left");
        assertTrue(c.message().contains("Remove the source server within 1 day"), c.message());
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertEquals(Level.EXPIRED, clock(MigrationClock.DESTINATION_INSTALLED).level());
    }

    @Test
    void removingTheSourceStopsCoexistenceAndStartsTheReformatHold() throws Exception {
        store.complete("prep.backup", null);
        store.complete("prep.tool", null);
        store.complete("inst.setup", null);
        clock.advance(Duration.ofDays(10));
        store.complete("inst.remove", null);
        ClockStatus co = clock(MigrationClock.DESTINATION_INSTALLED);
        assertEquals(Level.DONE, co.level());
        assertTrue(co.message().contains("10 days after the start"), co.message());
        ClockStatus hold = clock(MigrationClock.SOURCE_REMOVED);
        assertEquals(Level.RUNNING, hold.level());
        assertTrue(hold.message().startsWith("Do not reformat the source server for another 7 days"),
                hold.message());
        clock.advance(Duration.ofDays(7));
        assertEquals(Level.DONE, clock(MigrationClock.SOURCE_REMOVED).level());
    }
}
