package org.migrationconsole.api.check;

/**
 * The checks cannot run at all: the profile is incomplete, the server cannot be reached, the
 * credentials are refused or the certificate is not the one pinned. The message names the field
 * or the server and what to do.
 */
public class ConnectionException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        BAD_PROFILE, UNREACHABLE, BAD_CREDENTIALS, CERTIFICATE, NO_PASSWORD
    }

    private final Kind kind;

    public ConnectionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ConnectionException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
