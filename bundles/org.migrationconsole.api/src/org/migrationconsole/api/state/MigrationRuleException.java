package org.migrationconsole.api.state;

/**
 * A change was refused by a rule (ordering, optional-only skip, read-only workspace, ...). The
 * message names the rule and what to do.
 */
public class MigrationRuleException extends Exception {

    private static final long serialVersionUID = 1L;

    public MigrationRuleException(String message) {
        super(message);
    }
}
