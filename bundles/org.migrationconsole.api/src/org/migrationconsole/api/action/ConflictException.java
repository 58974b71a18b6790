package org.migrationconsole.api.action;

/**
 * The server no longer matches what the change expects (the entry's {@code uSNChanged} or an old
 * value differs, a file's hash differs): apply asks to plan again, undo refuses unless forced.
 */
public class ConflictException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String target;
    private final String attribute;

    /**
     * @param target the entry's DN or the file's path
     * @param attribute the attribute that differs, or null for a whole entry or file
     */
    public ConflictException(String target, String attribute, String message) {
        super(message);
        this.target = target;
        this.attribute = attribute;
    }

    public String target() {
        return target;
    }

    /** The attribute that differs, or null. */
    public String attribute() {
        return attribute;
    }
}
