package org.migrationconsole.api.action;

import java.util.List;

/**
 * The result of reading back an applied plan.
 *
 * @param passed true when the servers show every change as planned
 * @param evidence what was read, e.g. "CN=Alice,...: scriptPath absent"
 * @param problems what differs, naming entry/file and attribute
 */
public record Verification(boolean passed, List<String> evidence, List<String> problems) {

    public Verification {
        evidence = List.copyOf(evidence);
        problems = List.copyOf(problems);
    }
}
