package org.migrationconsole.step.bpa.internal.rules;

import java.util.List;

/**
 * What one BPA rule found on the destination.
 *
 * @param ruleId the rule's id, e.g. {@code bpa.dns.srv-locator}
 * @param title what the rule looks at
 * @param category DNS, Directory, SYSVOL, Old server, Accounts, Time
 * @param severity error, warning or info
 * @param status pass, fail, error (could not decide) or skipped (does not apply now)
 * @param message one sentence on what was found
 * @param evidence what was read, one fact per item
 * @param remedy what to do; empty when it passed
 */
public record Finding(String ruleId, String title, String category, String severity, String status, String message,
        List<String> evidence, String remedy) {

    public Finding {
        evidence = List.copyOf(evidence);
        remedy = remedy == null ? "" : remedy;
    }

    /** A finding the administrator has to act on: the rule failed or could not decide. */
    public boolean open() {
        return "fail".equals(status) || "error".equals(status);
    }
}
