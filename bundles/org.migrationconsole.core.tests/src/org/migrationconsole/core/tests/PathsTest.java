package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationconsole.api.state.ClockStatus;
import org.migrationconsole.api.state.InvalidInputException;
import org.migrationconsole.api.state.JournalEntry;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.api.step.MigrationClock;
import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.TaskDescriptor;
import org.migrationconsole.core.internal.state.MigrationStore;

/** Install paths: which tasks apply, prerequisites across paths, the journal record, the clock on each path. */
class PathsTest {

    static final MigrationStep INSTALL = TestSteps.step("inst", 200, List.of(
            TaskDescriptor.builder("inst.common").title("Check the hardware").build(),
            TaskDescriptor.builder("inst.answer").title("Answer file").onlyOnPath("a").build(),
            TaskDescriptor.builder("inst.setup").title("Setup in migration mode").onlyOnPath("a")
                    .after("inst.common", "inst.answer").startsClock(MigrationClock.DESTINATION_INSTALLED).build(),
            TaskDescriptor.builder("inst.promote").title("Promote a replica DC").onlyOnPath("b").after("inst.common")
                    .startsClock(MigrationClock.DESTINATION_INSTALLED).build(),
            TaskDescriptor.builder("inst.fsmo").title("Move the FSMO roles").onlyOnPath("b").after("inst.promote")
                    .build()),
            List.of());
    static final MigrationStep JOIN = TestSteps.step("join", 300, List.of(
            TaskDescriptor.builder("join.clients").title("Join the clients").after("inst.setup", "inst.fsmo").build()),
            List.of());

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock("2026-11-24T10:00:00Z");
    private MigrationStore store;

    @BeforeEach
    void open() {
        store = reopen();
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private MigrationStore reopen() {
        MigrationStore s = MigrationStore.open(dir, clock, "tester");
        s.setSteps(List.of(new MigrationStore.RegisteredStep(INSTALL, "test.install"),
                new MigrationStore.RegisteredStep(JOIN, "test.join")));
        return s;
    }

    private List<String> installTasks() {
        return store.steps().get(0).tasks().stream().map(TaskStatus::id).toList();
    }

    private ClockStatus coexistence() {
        return store.clocks().stream().filter(c -> c.clock() == MigrationClock.DESTINATION_INSTALLED).findFirst()
                .orElseThrow();
    }

    @Test
    void pathAIsTheDefaultAndHidesPathBTasks() {
        assertEquals("a", store.path());
        assertEquals(List.of("inst.common", "inst.answer", "inst.setup"), installTasks());
        assertTrue(store.task("inst.promote").isEmpty());
        // join waits for the path-A task only; the path-B prerequisite is not enforced
        List<String> reasons = store.task("join.clients").orElseThrow().blockedReasons();
        assertEquals(1, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).contains("inst.setup"));
    }

    @Test
    void offPathTasksAreRefusedWithThePathNamed() {
        MigrationRuleException e = assertThrows(MigrationRuleException.class,
                () -> store.complete("inst.promote", null));
        assertTrue(e.getMessage().contains("path B") && e.getMessage().contains("path A"), e.getMessage());
    }

    @Test
    void switchingPathIsJournalledSurvivesReopenAndChangesTheTaskList() throws Exception {
        assertThrows(InvalidInputException.class, () -> store.setPath("c", "typo"));
        assertThrows(InvalidInputException.class, () -> store.setPath("b", " "));
        assertTrue(store.setPath("b", "target version essentials-2016").isPresent());
        assertTrue(store.setPath("b", "again").isEmpty(), "no record when nothing changes");
        assertEquals(List.of("inst.common", "inst.promote", "inst.fsmo"), installTasks());
        JournalEntry last = store.journal().get(store.journal().size() - 1);
        assertEquals(JournalEntry.PATH, last.type());
        assertEquals("a", last.from());
        assertEquals("b", last.to());
        assertEquals("target version essentials-2016", last.note());
        store.close();
        store = reopen();
        assertEquals("b", store.path());
        List<String> reasons = store.task("join.clients").orElseThrow().blockedReasons();
        assertEquals(1, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).contains("inst.fsmo"));
    }

    @Test
    void theCoexistenceClockStartsFromTheTaskOfTheCurrentPath() throws Exception {
        store.complete("inst.common", null);
        store.complete("inst.answer", null);
        clock.advance(java.time.Duration.ofDays(1));
        store.complete("inst.setup", null);
        assertNotNull(coexistence().startedAt());
        store.setPath("b", "the DVD has no migration mode");
        assertNull(coexistence().startedAt(), "path A's install no longer counts on path B");
        clock.advance(java.time.Duration.ofDays(2));
        store.complete("inst.promote", null);
        assertEquals(clock.instant(), coexistence().startedAt());
        assertEquals(TaskState.NOT_STARTED, store.task("inst.fsmo").orElseThrow().state());
        store.complete("inst.fsmo", null);
        assertEquals(TaskState.NOT_STARTED, store.task("join.clients").orElseThrow().state());
        // back to A: the records stay, the earlier completion counts again
        store.setPath("a", "switched back");
        assertEquals(TaskState.COMPLETED, store.task("inst.setup").orElseThrow().state());
        assertFalse(store.journal().stream().filter(j -> JournalEntry.PATH.equals(j.type())).toList().isEmpty());
    }
}
