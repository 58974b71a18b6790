package org.migrationconsole.api.action;

import java.util.Objects;

/**
 * A change of a file or folder on a share of a server (SYSVOL, NETLOGON, a data share).
 *
 * @param id the change's id within its plan
 * @param operation what happens
 * @param server "source" or "destination" (the profile's servers)
 * @param share the share, e.g. {@code SYSVOL}
 * @param path the path in the share with '/' separators, e.g.
 *            {@code contoso.local/Policies/{6AC1786C-...}/MACHINE/Microsoft/Windows NT/SecEdit/GptTmpl.inf}
 * @param oldSha256 the SHA-256 (hex) of the file when planned, null for a new file or a folder:
 *            the engine refuses when it differs
 * @param newContent the bytes to write (CREATE, REPLACE), exactly as they go to the share
 *            (encoding and line endings applied); null otherwise
 * @param note why, in a few words (may be "")
 */
public record FileChange(String id, Operation operation, String server, String share, String path, String oldSha256,
        byte[] newContent, String note) implements Change {

    /** What happens to the file or folder. */
    public enum Operation {
        CREATE, REPLACE, DELETE, CREATE_FOLDER,
        /** Delete a folder with everything in it. */
        DELETE_FOLDER
    }

    public FileChange {
        Objects.requireNonNull(id);
        Objects.requireNonNull(operation);
        Objects.requireNonNull(server);
        Objects.requireNonNull(share);
        Objects.requireNonNull(path);
        note = note == null ? "" : note;
        if ((operation == Operation.CREATE || operation == Operation.REPLACE) && newContent == null) {
            throw new IllegalArgumentException(operation + " of " + path + " needs the new content");
        }
    }

    @Override
    public String describe() {
        return operation.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " \\\\" + server + "\\" + share
                + "\\" + path.replace('/', '\\') + (newContent == null ? "" : " (" + newContent.length + " bytes)")
                + (note.isEmpty() ? "" : " (" + note + ")");
    }
}
