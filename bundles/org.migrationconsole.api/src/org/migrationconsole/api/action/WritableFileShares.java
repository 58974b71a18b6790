package org.migrationconsole.api.action;

import org.migrationconsole.api.check.FileShares;
import org.osgi.annotation.versioning.ProviderType;

/** A server's SMB shares with write access. Paths use '/' separators. */
@ProviderType
public interface WritableFileShares extends FileShares {

    /** True when the file or folder exists. */
    boolean exists(String share, String path) throws Exception;

    /** Writes a whole file (created or replaced). */
    void write(String share, String path, byte[] content) throws Exception;

    /** Deletes a file, or a folder with everything in it. */
    void delete(String share, String path) throws Exception;

    /** Creates a folder (and its missing parents). */
    void createFolder(String share, String path) throws Exception;
}
