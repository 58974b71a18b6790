package org.migrationconsole.api.action;

import java.util.List;
import java.util.Objects;

/**
 * A change of one directory entry.
 *
 * @param id the change's id within its plan
 * @param operation what happens to the entry
 * @param dn the entry's distinguished name (for {@link Operation#ADD} the new entry's)
 * @param attributes for MODIFY the attributes with old and new values; for ADD the new entry's
 *            attributes (old values empty); for DELETE the values as read (for the preview)
 * @param expectedUsnChanged the entry's {@code uSNChanged} when planned (null for ADD): the
 *            engine refuses to apply when it differs and the old values no longer match
 * @param note why, in a few words (may be "")
 */
public record DirectoryChange(String id, Operation operation, String dn, List<AttributeChange> attributes,
        String expectedUsnChanged, String note) implements Change {

    /** What happens to the entry. */
    public enum Operation {
        ADD, MODIFY,
        /** Delete the entry (a leaf). */
        DELETE,
        /** Delete the entry with everything below it (e.g. a groupPolicyContainer). */
        DELETE_TREE
    }

    public DirectoryChange {
        Objects.requireNonNull(id);
        Objects.requireNonNull(operation);
        Objects.requireNonNull(dn);
        attributes = List.copyOf(attributes);
        note = note == null ? "" : note;
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder(operation.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .append(' ').append(dn);
        for (AttributeChange a : attributes) {
            b.append("; ").append(a.describe());
        }
        return note.isEmpty() ? b.toString() : b + " (" + note + ")";
    }
}
