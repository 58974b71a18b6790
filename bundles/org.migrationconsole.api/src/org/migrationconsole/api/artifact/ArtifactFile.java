package org.migrationconsole.api.artifact;

import java.util.Objects;

/**
 * One file to write: its name in the target folder (no folders), its exact bytes (encoding and
 * line endings already applied) and how they are encoded, for the messages.
 *
 * @param name the file name, e.g. {@code cfg.ini}
 * @param content the bytes
 * @param encoding e.g. "UTF-16LE with BOM, CRLF"
 * @param secret true when the bytes hold a secret in plain text
 */
public record ArtifactFile(String name, byte[] content, String encoding, boolean secret) {

    public ArtifactFile {
        Objects.requireNonNull(name);
        Objects.requireNonNull(content);
        Objects.requireNonNull(encoding);
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("artifact file name '" + name + "' must be a plain file name");
        }
    }

    @Override
    public String toString() {
        return name + " (" + content.length + " bytes, " + encoding + ")";
    }
}
