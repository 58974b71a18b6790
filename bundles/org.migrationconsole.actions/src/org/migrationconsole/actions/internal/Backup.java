package org.migrationconsole.actions.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldif.LDIFReader;
import com.unboundid.ldif.LDIFWriter;

import org.migrationconsole.api.action.ActionBackup;
import org.migrationconsole.api.action.WritableFileShares;

/**
 * The backup of one change in {@code changes/<id>/}: {@code directory/*.ldif} (entries with every
 * readable attribute, binary values base64, {@code nTSecurityDescriptor} where readable),
 * {@code files/<server>/<share>/<path>} (the bytes) with {@code manifest.sha256} (SHA-256 and path
 * of every file, "folder" lines for folders), {@code extra/} (what an action saves itself) and
 * {@code plan.json}. Every file is forced to disk.
 */
public final class Backup implements ActionBackup {

    private final Path folder;
    private final LdapSession ldap;
    private final ShareResolver shares;
    private int entries;

    /** Finds the shares of "source" or "destination". */
    public interface ShareResolver {
        WritableFileShares shares(String server) throws Exception;
    }

    public Backup(Path folder, LdapSession ldap, ShareResolver shares) {
        this.folder = folder;
        this.ldap = ldap;
        this.shares = shares;
    }

    public Path folder() {
        return folder;
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The LDIF file that holds the backup of an entry (and its subtree) of a change. */
    Path ldifFor(String changeId) {
        return folder.resolve("directory").resolve(changeId + ".ldif");
    }

    /** Saves the entry (tree: with everything below it) for a change of the plan. */
    public void saveEntryFor(String changeId, String dn, boolean tree) throws Exception {
        List<SearchResultEntry> list = tree ? ldap.subtree(dn) : singleton(ldap.read(dn));
        writeLdif(ldifFor(changeId), list);
    }

    private static List<SearchResultEntry> singleton(SearchResultEntry e) {
        return e == null ? List.of() : List.of(e);
    }

    private void writeLdif(Path file, List<? extends Entry> list) throws IOException {
        Files.createDirectories(file.getParent());
        try (LDIFWriter w = new LDIFWriter(Files.newOutputStream(file))) {
            w.setWrapColumn(0);
            for (Entry e : list) {
                w.writeEntry(e);
            }
        }
        force(file);
    }

    @Override
    public void saveEntry(String dn) throws Exception {
        entries++;
        SearchResultEntry e = ldap.read(dn);
        writeLdif(folder.resolve("directory").resolve("extra-" + entries + ".ldif"), singleton(e));
    }

    /** Reads a backed-up LDIF (parents first). */
    public static List<Entry> readLdif(Path file) throws Exception {
        List<Entry> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (LDIFReader r = new LDIFReader(file.toFile())) {
            Entry e;
            while ((e = r.readEntry()) != null) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public void saveFile(String server, String share, String path) throws Exception {
        WritableFileShares s = shares.shares(server);
        if (!s.exists(share, path)) {
            manifest("absent  " + key(server, share, path));
            return;
        }
        boolean isFolder = isFolder(s, share, path);
        if (isFolder) {
            List<String> folderNames = s.list(share, path.endsWith("/") ? path : path + "/");
            manifest("folder  " + key(server, share, path));
            for (String n : folderNames) {
                String child = path + "/" + (n.endsWith("/") ? n.substring(0, n.length() - 1) : n);
                saveFile(server, share, child);
            }
        } else {
            byte[] b = s.read(share, path);
            Path target = fileFor(server, share, path);
            Files.createDirectories(target.getParent());
            Files.write(target, b);
            force(target);
            manifest(sha256(b) + "  " + key(server, share, path));
        }
    }

    static boolean isFolder(WritableFileShares s, String share, String path) throws Exception {
        if (s instanceof SmbSession smb) {
            return smb.isFolder(share, path);
        }
        try {
            s.read(share, path);
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    static String key(String server, String share, String path) {
        return server + "/" + share + "/" + path;
    }

    public Path fileFor(String server, String share, String path) {
        return folder.resolve("files").resolve(server).resolve(share).resolve(path);
    }

    /** The manifest: path → "folder", "absent" or the SHA-256, in the order saved (parents first). */
    public Map<String, String> manifest() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Path m = folder.resolve("manifest.sha256");
        if (!Files.exists(m)) {
            return out;
        }
        for (String line : Files.readAllLines(m, StandardCharsets.UTF_8)) {
            int i = line.indexOf("  ");
            if (i > 0) {
                out.put(line.substring(i + 2), line.substring(0, i));
            }
        }
        return out;
    }

    private void manifest(String line) throws IOException {
        Path m = folder.resolve("manifest.sha256");
        Files.writeString(m, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        force(m);
    }

    @Override
    public void saveBytes(String name, byte[] content) throws Exception {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("backup name '" + name + "' must be a plain file name");
        }
        Path p = folder.resolve("extra").resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        force(p);
    }

    static void force(Path p) throws IOException {
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(p, StandardOpenOption.WRITE)) {
            c.force(true);
        }
    }

    /** Total bytes in the backup folder. */
    public static long size(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (var s = Files.walk(folder)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
