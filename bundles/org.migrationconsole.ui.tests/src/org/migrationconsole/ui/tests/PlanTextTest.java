package org.migrationconsole.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.migrationconsole.actions.ChangeRecord;
import org.migrationconsole.actions.ChangeRecord.State;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.AttributeChange;
import org.migrationconsole.api.action.ConflictException;
import org.migrationconsole.api.action.DirectoryChange;
import org.migrationconsole.api.action.FileChange;
import org.migrationconsole.api.action.ManualItem;
import org.migrationconsole.ui.internal.actions.ChangeStates;
import org.migrationconsole.ui.internal.actions.PlanText;

/** The preview's diff and the change states' wording and enablement, without a display. */
class PlanTextTest {

    private static final String GPO = "CN={6AC1786C-016F-11D2-945F-00C04FB984F9},CN=Policies,CN=System,DC=contoso,"
            + "DC=local";

    @Test
    void aPlanReadsAsADiffOfEntriesFilesAndManualItems() {
        ActionPlan plan = new ActionPlan("move.delete-legacy-gpos", Instant.parse("2026-12-01T04:00:00Z"), Map.of(),
                List.of(new DirectoryChange("1", DirectoryChange.Operation.MODIFY, "DC=contoso,DC=local", List.of(
                        AttributeChange.replace("gPLink", List.of("[LDAP://cn={A},cn=policies;0][LDAP://" + GPO + ";0]"),
                                List.of("[LDAP://cn={A},cn=policies;0]"))), "42", "unlink"),
                        new DirectoryChange("2", DirectoryChange.Operation.DELETE_TREE, GPO, List.of(AttributeChange
                                .replace("displayName", List.of("Small Business Server Internet Connection Firewall"),
                                        List.of())), "43", ""),
                        new FileChange("3", FileChange.Operation.DELETE_FOLDER, "source", "SYSVOL",
                                "contoso.local/Policies/{6AC1786C-016F-11D2-945F-00C04FB984F9}", null, null, ""),
                        new FileChange("4", FileChange.Operation.REPLACE, "source", "SYSVOL", "contoso.local/x/GPT.INI",
                                "ab12", new byte[] { 1, 2, 3 }, "version raised"),
                        new ManualItem("5", "remove the forwarder 10.0.0.2")),
                List.of("1 GPO left out: not selected"));
        String text = PlanText.text(PlanText.lines(plan));
        assertEquals("""
                4 changes: 1 entry modified, 1 entry deleted, 2 files or folders on shares; 1 item to do by hand.

                Change 1 of 4: modify entry (unlink)
                  DC=contoso,DC=local
                  - gPLink: [LDAP://cn={A},cn=policies;0][LDAP://%s;0]
                  + gPLink: [LDAP://cn={A},cn=policies;0]

                Change 2 of 4: delete entry and everything below it
                  %s
                  - displayName: Small Business Server Internet Connection Firewall

                Change 3 of 4: delete folder and everything in it
                  \\\\source\\SYSVOL\\contoso.local\\Policies\\{6AC1786C-016F-11D2-945F-00C04FB984F9}

                Change 4 of 4: replace file (version raised)
                  \\\\source\\SYSVOL\\contoso.local\\x\\GPT.INI
                  - the file as read, SHA-256 ab12
                  + new content, 3 bytes

                By hand (the console cannot do this): remove the forwarder 10.0.0.2

                Note: 1 GPO left out: not selected
                """.formatted(GPO, GPO), text);
        assertEquals(4, PlanText.entries(plan));
        assertEquals(PlanText.Kind.REMOVED, PlanText.lines(plan).get(4).kind());
        assertEquals(PlanText.Kind.ADDED, PlanText.lines(plan).get(5).kind());
        assertEquals(PlanText.Kind.MANUAL, PlanText.lines(plan).get(PlanText.lines(plan).size() - 3).kind());
    }

    @Test
    void anEmptyPlanSaysNothingToChange() {
        ActionPlan plan = new ActionPlan("x.y", Instant.now(), Map.of(), List.of(new ManualItem("1", "by hand")),
                List.of());
        assertEquals("Nothing to change; 1 item to do by hand.", PlanText.summary(plan));
    }

    private static ChangeRecord record(State s, int applied, int total, int undone) {
        return new ChangeRecord("chg-1", "a.b", "Title", s, applied, total, undone, Instant.parse(
                "2026-12-01T04:00:00Z"), Path.of("/w/changes/chg-1"), "", List.of());
    }

    @Test
    void whatIsOfferedFollowsTheStateOfTheLastChange() {
        for (State s : State.values()) {
            ChangeRecord r = record(s, 3, 7, 0);
            assertEquals(s != State.UNDONE, ChangeStates.canUndo(r, false), s.id());
            assertEquals(s == State.INTERRUPTED || s == State.FAILED, ChangeStates.canResume(r, false), s.id());
            assertEquals(!s.needsAttention(), ChangeStates.canApply(Optional.of(r), false), s.id());
            assertFalse(ChangeStates.canUndo(r, true) || ChangeStates.canResume(r, true) || ChangeStates.canApply(
                    Optional.of(r), true), "a read-only workspace offers nothing that writes");
        }
        assertTrue(ChangeStates.canApply(Optional.empty(), false));
        assertEquals("interrupted after 3 of 7 changes", ChangeStates.progress(record(State.INTERRUPTED, 3, 7, 0)));
        assertEquals("7 undone", ChangeStates.progress(record(State.UNDONE, 7, 7, 7)));
        assertEquals("Entry: CN=Alice,DC=x\nAttribute: scriptPath\n\nchanged", ChangeStates.conflict(
                new ConflictException("CN=Alice,DC=x", "scriptPath", "changed")));
    }
}
