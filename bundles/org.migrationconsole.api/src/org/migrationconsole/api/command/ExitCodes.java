package org.migrationconsole.api.command;

/** The command line's exit codes; every command keeps to them. */
public final class ExitCodes {

    /** Done (for check: no blocking problem). */
    public static final int OK = 0;
    /** Refused by a rule (the message names it), or the thing checked failed. */
    public static final int REFUSED = 1;
    /** Bad usage or bad input (the message names the option, field or file). */
    public static final int USAGE = 2;
    /**
     * An unexpected failure (a bug or a broken installation): one line names what failed and
     * where the log is; never a stack trace on the terminal.
     *
     * @since 1.1
     */
    public static final int FAILED = 3;

    private ExitCodes() {
    }
}
