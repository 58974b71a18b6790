package org.migrationconsole.api.check;

/** How much a failing check matters. */
public enum Severity {
    /** Blocks the task the check gates. */
    ERROR("error"),
    /** Should be fixed; does not block. */
    WARNING("warning"),
    /** For the record. */
    INFO("info");

    private final String id;

    Severity(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
