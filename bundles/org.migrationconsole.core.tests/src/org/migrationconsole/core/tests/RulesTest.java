package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationconsole.api.state.InvalidInputException;
import org.migrationconsole.api.state.JournalEntry;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.core.internal.state.MigrationStore;

class RulesTest {

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
        s.setSteps(TestSteps.both());
        return s;
    }

    private TaskStatus task(String id) {
        return store.task(id).orElseThrow();
    }

    @Test
    void stepsComeInOrderAndTasksWithoutPrerequisitesAreOpen() {
        List<StepStatus> steps = store.steps();
        assertEquals(List.of("prep", "inst"), steps.stream().map(StepStatus::id).toList());
        assertEquals("test.prep", steps.get(0).bundleId());
        assertEquals(TaskState.NOT_STARTED, task("prep.backup").state());
        assertEquals(0, steps.get(0).done());
        assertEquals(3, steps.get(0).total());
    }

    @Test
    void aTaskWithOpenPrerequisitesIsBlockedAndTheReasonNamesThem() throws Exception {
        TaskStatus tool = task("prep.tool");
        assertEquals(TaskState.BLOCKED, tool.state());
        assertEquals(TaskState.NOT_STARTED, tool.recordedState());
        assertEquals(1, tool.blockedReasons().size());
        assertTrue(tool.blockedReasons().get(0).contains("prep.backup"), tool.blockedReasons().toString());

        MigrationRuleException e = assertThrows(MigrationRuleException.class, () -> store.complete("prep.tool", ""));
        assertTrue(e.getMessage().contains("prep.backup"), e.getMessage());
        assertThrows(MigrationRuleException.class, () -> store.start("prep.tool", ""));

        store.complete("prep.backup", "restored 20 files, all equal");
        assertEquals(TaskState.NOT_STARTED, task("prep.tool").state());
        assertTrue(task("prep.tool").blockedReasons().isEmpty());
    }

    @Test
    void prerequisitesOfAMissingStepAreNotEnforced() throws Exception {
        store.complete("prep.backup", null);
        store.complete("prep.tool", null);
        // inst.setup also names other.missing, which no installed step provides
        assertTrue(task("inst.setup").blockedReasons().isEmpty(), task("inst.setup").blockedReasons().toString());
    }

    @Test
    void skippedCountsAsDoneButOnlyOptionalTasksCanBeSkipped() throws Exception {
        MigrationRuleException e = assertThrows(MigrationRuleException.class, () -> store.skip("prep.backup", ""));
        assertTrue(e.getMessage().contains("required"), e.getMessage());
        store.skip("prep.extra", "not needed here");
        assertEquals(TaskState.SKIPPED, task("prep.extra").state());
        assertEquals(1, store.steps().get(0).done());
    }

    @Test
    void transitionsFollowTheRulesAndDoneTasksAreNotRepeatedByAccident() throws Exception {
        assertEquals(TaskState.IN_PROGRESS, store.start("prep.backup", "started the backup").status().state());
        MigrationRuleException again = assertThrows(MigrationRuleException.class,
                () -> store.start("prep.backup", ""));
        assertTrue(again.getMessage().contains("already in progress"), again.getMessage());
        store.complete("prep.backup", null);
        MigrationRuleException twice = assertThrows(MigrationRuleException.class,
                () -> store.complete("prep.backup", ""));
        assertTrue(twice.getMessage().contains("reset it first"), twice.getMessage());
        store.start("prep.tool", null);
        assertEquals(TaskState.FAILED, store.fail("prep.tool", "schema update error").status().state());
        assertEquals(TaskState.IN_PROGRESS, store.start("prep.tool", "retry").status().state());
    }

    @Test
    void resetNeedsAReasonWorksFromAnyStateAndIsJournalled() throws Exception {
        store.complete("prep.backup", null);
        InvalidInputException noReason = assertThrows(InvalidInputException.class,
                () -> store.reset("prep.backup", " "));
        assertEquals("note", noReason.field());
        store.reset("prep.backup", "ticked by mistake");
        assertEquals(TaskState.NOT_STARTED, task("prep.backup").state());
        assertThrows(MigrationRuleException.class, () -> store.reset("prep.backup", "again"));
        JournalEntry last = store.journal().get(store.journal().size() - 1);
        assertEquals("completed", last.from());
        assertEquals("not-started", last.to());
        assertEquals("ticked by mistake", last.note());
        assertEquals("tester", last.who());
    }

    @Test
    void unknownTasksAreBadInputNamingTheTask() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> store.start("prep.nope", ""));
        assertEquals("task", e.field());
        assertTrue(e.getMessage().contains("prep.nope"), e.getMessage());
    }

    @Test
    void stateIsRebuiltFromTheJournalOnReopen() throws Exception {
        store.complete("prep.backup", "ok");
        store.start("prep.tool", null);
        store.addNote("prep.tool", "waiting for a hotfix");
        store.skip("prep.extra", null);
        store.close();
        store = reopen();
        assertEquals(TaskState.COMPLETED, task("prep.backup").state());
        assertEquals(TaskState.IN_PROGRESS, task("prep.tool").state());
        assertEquals(TaskState.SKIPPED, task("prep.extra").state());
        assertEquals(4, store.journal().size());
        assertEquals(JournalEntry.NOTE, store.journal().get(2).type());
    }

    @Test
    void nextRecommendedIsTheFirstOpenTaskInStepOrder() throws Exception {
        assertEquals("prep.backup", store.nextRecommended().orElseThrow().id());
        store.complete("prep.backup", null);
        assertEquals("prep.tool", store.nextRecommended().orElseThrow().id());
    }

    @Test
    void inputsAreCheckedAgainstTheirRuleAndNothingIsSavedWhenOneFails() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> store.saveStepInputs("prep", Map.of("router", "10.0.0.1", "free", "kept?"), "notes"));
        assertEquals("router", e.field());
        assertTrue(e.getMessage().contains("Router LAN address") && e.getMessage().contains("192.168.x.1"),
                e.getMessage());
        assertTrue(store.journal().isEmpty(), "nothing saved");

        assertEquals(3, store.saveStepInputs("prep", Map.of("router", "192.168.5.254", "free", "x"), "n").size());
        assertEquals(0, store.saveStepInputs("prep", Map.of("router", "192.168.5.254"), "n").size(),
                "unchanged values are not written again");
        store.close();
        store = reopen();
        StepStatus prep = store.steps().get(0);
        assertEquals("192.168.5.254", prep.inputs().get("router"));
        assertEquals("n", prep.notes());
        assertThrows(InvalidInputException.class, () -> store.saveStepInputs("prep", Map.of("bogus", "1"), null));
    }

    @Test
    void aSecondStoreOnTheSameWorkspaceIsReadOnlyAndRefusesChanges() throws Exception {
        try (MigrationStore second = MigrationStore.open(dir, clock, "other")) {
            second.setSteps(TestSteps.both());
            assertTrue(second.workspace().readOnly());
            MigrationRuleException e = assertThrows(MigrationRuleException.class,
                    () -> second.complete("prep.backup", ""));
            assertTrue(e.getMessage().contains("read-only"), e.getMessage());
            assertNull(second.workspace().fatalError());
        }
        assertFalse(store.workspace().readOnly());
    }

    @Test
    void tasksOfAStepThatIsNoLongerInstalledAreKeptAndListedAsProvidedByAMissingPlugin() throws Exception {
        store.complete("prep.backup", "done");
        assertTrue(store.missingPluginTasks().isEmpty());
        store.setSteps(List.of(new MigrationStore.RegisteredStep(TestSteps.INSTALL, "test.install")));
        var missing = store.missingPluginTasks();
        assertEquals(1, missing.size());
        assertEquals("prep.backup", missing.get(0).taskId());
        assertEquals(TaskState.COMPLETED, missing.get(0).lastState());
        assertEquals("done", missing.get(0).lastNote());
        // the records survive a restart without the step, and come back when it is installed again
        store.close();
        store = MigrationStore.open(dir, clock, "tester");
        store.setSteps(List.of(new MigrationStore.RegisteredStep(TestSteps.INSTALL, "test.install")));
        assertEquals("prep.backup", store.missingPluginTasks().get(0).taskId());
        store.setSteps(TestSteps.both());
        assertTrue(store.missingPluginTasks().isEmpty());
        assertEquals(TaskState.COMPLETED, task("prep.backup").state());
    }
}
