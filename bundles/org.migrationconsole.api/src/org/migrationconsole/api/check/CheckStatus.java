package org.migrationconsole.api.check;

/** The outcome of one check run. */
public enum CheckStatus {
    /** The condition holds. */
    PASS("pass"),
    /** The condition does not hold; the remedy says what to do. */
    FAIL("fail"),
    /** The check could not decide (server error, timeout); counts as failed for gating. */
    ERROR("error"),
    /** Not applicable here (e.g. nothing to check). */
    SKIPPED("skipped");

    private final String id;

    CheckStatus(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
