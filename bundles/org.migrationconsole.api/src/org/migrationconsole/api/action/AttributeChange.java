package org.migrationconsole.api.action;

import java.util.List;
import java.util.Objects;

/**
 * One attribute of a {@link DirectoryChange}: its values before and after. Binary values (e.g.
 * {@code dnsRecord}, {@code nTSecurityDescriptor}) are base64 text with {@code binary} true.
 *
 * @param name the attribute, e.g. {@code gPLink}
 * @param operation how the new values are written
 * @param oldValues the values read when planning (the engine compares them before writing)
 * @param newValues the values after the change (for REPLACE all of them; for ADD_VALUES and
 *            DELETE_VALUES the values added or removed)
 * @param binary true when the values are base64 of binary data
 */
public record AttributeChange(String name, Operation operation, List<String> oldValues, List<String> newValues,
        boolean binary) {

    /** How the values are written. */
    public enum Operation {
        /** The attribute ends up with exactly {@code newValues} (empty removes it). */
        REPLACE,
        /** {@code newValues} are added to the existing ones. */
        ADD_VALUES,
        /** {@code newValues} are removed from the existing ones. */
        DELETE_VALUES
    }

    public AttributeChange {
        Objects.requireNonNull(name);
        Objects.requireNonNull(operation);
        oldValues = List.copyOf(oldValues);
        newValues = List.copyOf(newValues);
    }

    /** A replacement of a text attribute's values. */
    public static AttributeChange replace(String name, List<String> oldValues, List<String> newValues) {
        return new AttributeChange(name, Operation.REPLACE, oldValues, newValues, false);
    }

    /** "name old -> new" for the preview (binary values are shortened). */
    public String describe() {
        return name + " " + show(oldValues) + " -> " + (operation == Operation.REPLACE ? "" : operation.name()
                .toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " ") + show(newValues);
    }

    private String show(List<String> values) {
        if (values.isEmpty()) {
            return "(none)";
        }
        return String.join(" | ", values.stream().map(v -> binary && v.length() > 24 ? v.substring(0, 24) + "..." : v)
                .toList());
    }
}
