package org.migrationconsole.step.prepare.internal.checks;

import java.util.List;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.check.Severity;
import org.osgi.service.component.annotations.Component;

/** Attestation: the administrator has completed task prepare.backup (a backup proven by a test restore). */
@Component(service = MigrationCheck.class)
public class BackupConfirmedCheck extends PrepareCheck {

    static final String TASK = "prepare.backup";

    public BackupConfirmedCheck() {
        super("backup.confirmed", "A verified backup is confirmed before the preparation tool", Severity.ERROR,
                null);
    }

    @Override
    public CheckResult run(CheckContext ctx) {
        String state = ctx.taskState(TASK);
        List<String> evidence = List.of("task " + TASK + ": " + state);
        if ("completed".equals(state)) {
            return CheckResult.pass("The backup is confirmed: task " + TASK + " is completed.", evidence);
        }
        return CheckResult.fail("No verified backup is confirmed yet: task " + TASK + " is " + state + ".", evidence,
                "Take a full backup of the source, restore a few random files to another folder and compare them"
                        + " with the originals, then complete task " + TASK + "; this must happen before the"
                        + " preparation tool, whose schema changes cannot be undone.");
    }
}
