package org.migrationconsole.api.step;

/** What kind of work a task is; decides how the console helps with it. */
public enum TaskKind {
    /** Done by the administrator by hand; the console records it. */
    MANUAL("manual"),
    /** Completes only when its checks report no error. */
    CHECK_GATED("check-gated"),
    /** Produces an artifact (answer file, script, report). */
    ARTIFACT("generates-artifact"),
    /** Changes a server; previewed, backed up and journalled. */
    SERVER_CHANGE("changes-server");

    private final String id;

    TaskKind(String id) {
        this.id = id;
    }

    /** The name used in files and JSON output. */
    public String id() {
        return id;
    }
}
