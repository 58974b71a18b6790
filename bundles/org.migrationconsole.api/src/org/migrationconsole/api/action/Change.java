package org.migrationconsole.api.action;

/**
 * One concrete change of a plan. The kinds are {@link DirectoryChange}, {@link FileChange},
 * {@link DnsRecordChange} and {@link ManualItem}; later versions may add kinds, so a consumer
 * handles unknown kinds (e.g. shows {@link #describe()}).
 */
public interface Change {

    /** Unique within its plan, e.g. "1", "2": used in the journal ("applied 3 of 7") and by undo. */
    String id();

    /** One line for the preview, e.g. "modify CN=Alice,...: scriptPath SBS_LOGIN_SCRIPT.bat -> (none)". */
    String describe();

    /** True when the engine writes it (false for a {@link ManualItem}). */
    default boolean automatic() {
        return true;
    }
}
