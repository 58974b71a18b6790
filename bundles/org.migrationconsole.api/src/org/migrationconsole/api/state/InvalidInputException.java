package org.migrationconsole.api.state;

/**
 * Input was malformed: an unknown task id, an empty reason, a value that breaks its rule. The
 * message names the field and the rule.
 */
public class InvalidInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The field or argument at fault. */
    public String field() {
        return field;
    }
}
