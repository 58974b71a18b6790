package org.migrationconsole.api.action;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What an action would change, read from the servers: applied only as planned.
 *
 * @param actionId the action
 * @param plannedAt when the servers were read
 * @param options the options the plan was made with (never secrets)
 * @param changes the changes, in the order they are applied
 * @param notes what the administrator should know (e.g. "2 GPOs left out: not selected")
 */
public record ActionPlan(String actionId, Instant plannedAt, Map<String, String> options, List<Change> changes,
        List<String> notes) {

    public ActionPlan {
        Objects.requireNonNull(actionId);
        Objects.requireNonNull(plannedAt);
        options = Map.copyOf(options);
        changes = List.copyOf(changes);
        notes = List.copyOf(notes);
    }

    /** True when there is nothing to apply (manual items may remain). */
    public boolean isEmpty() {
        return changes.stream().noneMatch(Change::automatic);
    }
}
