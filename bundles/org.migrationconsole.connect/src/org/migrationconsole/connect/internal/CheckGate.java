package org.migrationconsole.connect.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckStatus;
import org.migrationconsole.api.check.Severity;
import org.migrationconsole.api.check.MigrationCheck;
import org.migrationconsole.api.state.TaskGate;
import org.migrationconsole.api.step.TaskDescriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * A check-gated task completes only when every check that gates it has run and did not fail (an
 * error-severity check must pass: skipped is not enough), by the latest outcome per check across
 * runs, from the workspace.
 */
@Component(service = TaskGate.class)
public class CheckGate implements TaskGate {

    private final List<MigrationCheck> checks = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCheck(MigrationCheck check) {
        checks.add(check);
    }

    void removeCheck(MigrationCheck check) {
        checks.remove(check);
    }

    @Override
    public List<String> reasonsNotToComplete(TaskDescriptor task, Path workspace) {
        List<MigrationCheck> gating = checks.stream().filter(c -> c.taskId().filter(task.id()::equals).isPresent())
                .toList();
        if (gating.isEmpty()) {
            return List.of();
        }
        Map<String, CheckOutcome> latest = new RunStore(workspace).latest();
        List<String> reasons = new ArrayList<>();
        for (MigrationCheck c : gating) {
            CheckOutcome o = latest.get(c.id());
            if (o == null) {
                reasons.add("check " + c.id() + " has not run yet (run the checks of step " + c.stepId() + ")");
            } else if (o.blocks() || o.result().status() == CheckStatus.FAIL
                    || o.result().status() == CheckStatus.ERROR) {
                // a check that gates a task gates it whatever its severity (CheckOutcome.blocks() says the same;
                // an outcome stored before the check gated this task has no task id, hence the status test)
                reasons.add("check " + c.id() + " " + o.result().status().id() + "s: " + o.result().message());
            } else if (o.severity() == Severity.ERROR && o.result().status() == CheckStatus.SKIPPED) {
                reasons.add("check " + c.id() + " was skipped: " + o.result().message());
            }
        }
        return reasons;
    }
}
