package org.migrationconsole.connect.shares;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.osgi.annotation.versioning.ProviderType;

/** One read-only SMB session to one server. Paths are share-relative with '/' separators. */
@ProviderType
public interface ShareSession extends AutoCloseable {

    /** DOS attribute bits as SMB reports them. */
    int READ_ONLY = 0x01, HIDDEN = 0x02, SYSTEM = 0x04, DIRECTORY = 0x10, ARCHIVE = 0x20, REPARSE_POINT = 0x400;

    /** The server's name as the profile gives it. */
    String server();

    /** What kind of resource a share is. */
    enum Kind {
        DISK, PRINTER, IPC, DEVICE
    }

    /** A share the server offers (hidden {@code $} shares included). */
    record Share(String name, Kind kind) {
    }

    /**
     * A file or folder met by {@link #walk}.
     *
     * @param path share-relative, '/' separators, no leading or trailing '/'
     * @param modified milliseconds since the epoch
     * @param attributes the DOS attribute bits
     */
    record Entry(String path, boolean folder, long size, long modified, int attributes) {
    }

    /** Told of every entry of a walk, one folder's entries at a time. */
    interface Visitor {
        void entry(Entry entry);

        /** A folder that could not be listed; the walk goes on with the rest. */
        void failed(String path, String reason);
    }

    /**
     * One access control entry.
     *
     * @param sid the trustee, e.g. {@code S-1-5-32-544}
     * @param mask the access mask
     * @param flags the inheritance flags (OI 0x01, CI 0x02, NP 0x04, IO 0x08, inherited 0x10)
     */
    record Ace(String sid, boolean allow, int mask, int flags) {
    }

    /** A file's or folder's owner and discretionary ACL. */
    record Security(String ownerSid, List<Ace> aces) {
    }

    /** A share's disk: total and free bytes. */
    record Space(long total, long free) {
    }

    /** Every share of the server. */
    List<Share> shares() throws Exception;

    /**
     * Walks a share (or a folder of it) depth-first, streaming: each folder's entries are handed on
     * as the server sends them; only the paths of the folders still to visit are held, never the
     * tree nor a whole folder's listing.
     *
     * @param canceled polled between folders; the walk stops when it turns true
     */
    void walk(String share, String folder, Visitor visitor, BooleanSupplier canceled) throws Exception;

    /** One folder's entries ("" = the share's top folder), as the walk sees them. */
    List<Entry> list(String share, String folder) throws Exception;

    /** A file's content as a stream (close it); nothing is written. */
    java.io.InputStream open(String share, String path) throws Exception;

    /** The share's own ACL (the "Share Permissions" tab). */
    List<Ace> shareAcl(String share) throws Exception;

    /** The NTFS security of a file or folder of a share ("" = the share's top folder). */
    Security security(String share, String path) throws Exception;

    /** The disk space under a share, when the server tells it. */
    Optional<Space> space(String share) throws Exception;

    /**
     * Account names for SIDs ({@code CONTOSO\Domain Users}, {@code BUILTIN\Administrators},
     * {@code Everyone}), read from the source's directory; a SID that resolves to nothing is left out.
     */
    Map<String, String> accountNames(Collection<String> sids);

    @Override
    void close();
}
