package org.migrationconsole.connect.internal;

import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.connect.shares.ShareSession;

/**
 * A read-only share session over {@link SmbFileShares} (the check runner's SMB access: same
 * context, same retry on a fresh connection); account names come from the source's directory
 * through {@link LdapDirectory}, opened on first use.
 */
final class SmbShareSession implements ShareSession {

    /** Names Windows gives SIDs that are not objects in the directory. */
    private static final Map<String, String> WELL_KNOWN = Map.ofEntries(Map.entry("S-1-1-0", "Everyone"),
            Map.entry("S-1-3-0", "CREATOR OWNER"), Map.entry("S-1-3-1", "CREATOR GROUP"),
            Map.entry("S-1-5-18", "NT AUTHORITY\\SYSTEM"), Map.entry("S-1-5-11", "NT AUTHORITY\\Authenticated Users"),
            Map.entry("S-1-5-4", "NT AUTHORITY\\INTERACTIVE"), Map.entry("S-1-5-2", "NT AUTHORITY\\NETWORK"),
            Map.entry("S-1-5-19", "NT AUTHORITY\\LOCAL SERVICE"), Map.entry("S-1-5-20", "NT AUTHORITY\\NETWORK SERVICE"),
            Map.entry("S-1-5-32-544", "BUILTIN\\Administrators"), Map.entry("S-1-5-32-545", "BUILTIN\\Users"),
            Map.entry("S-1-5-32-546", "BUILTIN\\Guests"), Map.entry("S-1-5-32-547", "BUILTIN\\Power Users"),
            Map.entry("S-1-5-32-549", "BUILTIN\\Server Operators"), Map.entry("S-1-5-32-551", "BUILTIN\\Backup Operators"));

    private final String server;
    private final SmbFileShares smb;
    private final ConnectionProfile profile;
    private final char[] password;
    private final CertificatePins pins;
    private final InetAddress ldapAddress;
    private LdapDirectory directory;
    private String directoryFailure;

    SmbShareSession(String server, SmbFileShares smb, ConnectionProfile profile, char[] password, CertificatePins pins,
            InetAddress ldapAddress) {
        this.server = server;
        this.smb = smb;
        this.profile = profile;
        this.password = password.clone();
        this.pins = pins;
        this.ldapAddress = ldapAddress;
    }

    @Override
    public String server() {
        return server;
    }

    @Override
    public List<Share> shares() throws Exception {
        return smb.shareInfos();
    }

    @Override
    public void walk(String share, String folder, Visitor visitor, BooleanSupplier canceled) throws Exception {
        Deque<String> todo = new ArrayDeque<>();
        todo.push(folder == null ? "" : folder);
        while (!todo.isEmpty()) {
            if (canceled.getAsBoolean()) {
                return;
            }
            String f = todo.pop();
            try {
                // only the names of the folders still to visit are held, never a folder's listing
                smb.forEachEntry(share, f, e -> {
                    if (e.folder()) {
                        todo.push(e.path());
                    }
                    visitor.entry(e);
                });
            } catch (java.io.IOException e) {
                if (f.isEmpty()) {
                    throw e;
                }
                visitor.failed(f, e.getMessage());
            }
        }
    }

    @Override
    public List<Entry> list(String share, String folder) throws Exception {
        return smb.entries(share, folder == null ? "" : folder);
    }

    @Override
    public java.io.InputStream open(String share, String path) throws Exception {
        return smb.open(share, path);
    }

    @Override
    public List<Ace> shareAcl(String share) throws Exception {
        return smb.shareAcl(share);
    }

    @Override
    public Security security(String share, String path) throws Exception {
        return smb.security(share, path);
    }

    @Override
    public Optional<Space> space(String share) throws Exception {
        Space s = smb.space(share);
        return s.total() > 0 || s.free() > 0 ? Optional.of(s) : Optional.empty();
    }

    private synchronized LdapDirectory directory() {
        if (directory == null && directoryFailure == null) {
            try {
                directory = LdapDirectory.connect(profile, password, pins, ldapAddress,
                        ShareBrowserComponent.CONNECT_TIMEOUT_MS);
            } catch (Exception e) {
                directoryFailure = e.getMessage();
            }
        }
        return directory;
    }

    @Override
    public Map<String, String> accountNames(Collection<String> sids) {
        Map<String, String> out = new HashMap<>();
        for (String sid : sids) {
            if (sid == null || out.containsKey(sid)) {
                continue;
            }
            String known = WELL_KNOWN.get(sid);
            if (known != null) {
                out.put(sid, known);
                continue;
            }
            if (sid.startsWith("S-1-22-1-") || sid.startsWith("S-1-22-2-")) {
                // Samba's SIDs for Unix accounts without a directory object (uid/gid)
                out.put(sid, (sid.startsWith("S-1-22-1-") ? "Unix User\\" : "Unix Group\\") + sid.substring(9));
                continue;
            }
            if (!sid.matches("S-1(-\\d+)+")) {
                continue;
            }
            LdapDirectory d = directory();
            if (d == null) {
                continue;
            }
            try {
                List<Directory.Entry> found = d.search(d.defaultNamingContext(), Directory.Scope.SUBTREE,
                        "(objectSid=" + sid + ")", "sAMAccountName");
                if (!found.isEmpty() && found.get(0).first("sAMAccountName") != null) {
                    String prefix = sid.startsWith("S-1-5-32-") ? "BUILTIN" : profile.netbiosDomain();
                    out.put(sid, prefix + "\\" + found.get(0).first("sAMAccountName"));
                }
            } catch (Exception e) {
                // left unresolved: the SID is shown as it is
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        smb.close();
        if (directory != null) {
            directory.close();
        }
        java.util.Arrays.fill(password, '\0');
    }
}
