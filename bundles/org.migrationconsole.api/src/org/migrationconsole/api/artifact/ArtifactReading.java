package org.migrationconsole.api.artifact;

import java.util.List;
import java.util.Objects;

import org.migrationconsole.api.field.FieldValues;

/**
 * What {@link Artifact#read} found in an existing file.
 *
 * @param values the fields' values found in it
 * @param encoding how it was encoded, e.g. "unicode" or "ansi"
 * @param notes things worth saying that are not rule violations (e.g. "key X is unknown; kept as
 *            it is"); never a secret
 */
public record ArtifactReading(FieldValues values, String encoding, List<String> notes) {

    public ArtifactReading {
        Objects.requireNonNull(values);
        Objects.requireNonNull(encoding);
        notes = List.copyOf(notes);
    }
}
