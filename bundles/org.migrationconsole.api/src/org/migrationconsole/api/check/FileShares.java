package org.migrationconsole.api.check;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** Read-only SMB access to the source server. */
@ProviderType
public interface FileShares {

    /** The share names the server offers. */
    List<String> shares() throws Exception;

    /** Names in a folder of a share ({@code path} "" is the share's root); folders end in '/'. */
    List<String> list(String share, String path) throws Exception;

    /** A file's bytes. */
    byte[] read(String share, String path) throws Exception;

    /** The SMB dialect negotiated, e.g. "SMB1" or "SMB 3.1.1". */
    String dialect() throws Exception;
}
