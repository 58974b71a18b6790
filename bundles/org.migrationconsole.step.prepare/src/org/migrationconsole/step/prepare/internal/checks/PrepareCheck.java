package org.migrationconsole.step.prepare.internal.checks;

import org.migrationconsole.api.check.DeclaredCheck;
import org.migrationconsole.api.check.Severity;

/** A step-1 check: id, title, severity and the task it gates, held by {@link DeclaredCheck}. */
abstract class PrepareCheck extends DeclaredCheck {

    PrepareCheck(String id, String title, Severity severity, String taskId) {
        super(id, title, "prepare", severity, taskId);
    }
}
