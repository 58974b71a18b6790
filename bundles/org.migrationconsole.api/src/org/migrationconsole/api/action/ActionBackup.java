package org.migrationconsole.api.action;

import org.osgi.annotation.versioning.ProviderType;

/** Where an action saves extra backup data before the first write. Given by the engine. */
@ProviderType
public interface ActionBackup {

    /** Saves an entry with all attributes the account may read (LDIF; binary values base64). */
    void saveEntry(String dn) throws Exception;

    /** Saves a file or a folder tree of a share, with its SHA-256 hashes in the manifest. */
    void saveFile(String server, String share, String path) throws Exception;

    /** Saves bytes of the action's own under a name (a plain file name). */
    void saveBytes(String name, byte[] content) throws Exception;
}
