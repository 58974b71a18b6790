package org.migrationconsole.api.field;

/** How a field is edited and shown. */
public enum FieldKind {
    /** One line of text. */
    TEXT,
    /** Several lines of text. */
    LINES,
    /** true or false (a check box; the value is "true" or "false", empty for unset). */
    BOOLEAN,
    /** One of {@link Field#choices()}. */
    CHOICE,
    /** A secret (a password): masked, never logged, journalled or printed, kept in secure storage. */
    SECRET;

    /** The id used in JSON and on the command line: the lower-case name. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
