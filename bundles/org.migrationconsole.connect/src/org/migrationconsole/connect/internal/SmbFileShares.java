package org.migrationconsole.connect.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jcifs.CIFSContext;
import jcifs.CIFSException;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.smb.NtlmPasswordAuthenticator;
import jcifs.smb.SmbFile;

import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.FileShares;

/**
 * Read-only SMB access with jcifs-ng, to the address the run uses. SMB2/3 is preferred; SMB1
 * stays allowed because an SBS 2003 server may speak nothing else. Signing is used wherever the
 * server offers it. Every read is bounded by the call timeout; a read that fails or stalls is
 * tried once more on a fresh connection (a new jcifs context, so the stuck transport is not
 * reused), and the stall is noted for the check's evidence.
 */
public final class SmbFileShares implements FileShares, AutoCloseable {

    private final String server;
    private final ConnectionProfile profile;
    private final char[] password;
    private final int connectMillis;
    private final int callMillis;
    private CIFSContext context;

    public SmbFileShares(ConnectionProfile profile, String address, char[] password, int connectMillis,
            int callMillis) throws CIFSException {
        this.server = address;
        this.profile = profile;
        this.password = password.clone();
        this.connectMillis = connectMillis;
        this.callMillis = callMillis;
        this.context = newContext();
    }

    private CIFSContext newContext() throws CIFSException {
        Properties p = new Properties();
        p.setProperty("jcifs.smb.client.minVersion", "SMB1");
        p.setProperty("jcifs.smb.client.maxVersion", "SMB311");
        p.setProperty("jcifs.smb.client.connTimeout", Integer.toString(connectMillis));
        p.setProperty("jcifs.smb.client.responseTimeout", Integer.toString(callMillis));
        p.setProperty("jcifs.smb.client.soTimeout", Integer.toString(callMillis + 1000));
        p.setProperty("jcifs.smb.client.sessionTimeout", Integer.toString(callMillis + 1000));
        p.setProperty("jcifs.resolveOrder", "DNS");
        // sign wherever the server offers it (SBS 2003 does); not enforced, as it is optional there
        p.setProperty("jcifs.smb.client.signingPreferred", "true");
        p.setProperty("jcifs.smb.client.ipcSigningEnforced", "false");
        CIFSContext base = new BaseContext(new PropertyConfiguration(p));
        return base.withCredentials(
                new NtlmPasswordAuthenticator(profile.netbiosDomain(), profile.adminAccount(), new String(password)));
    }

    private synchronized CIFSContext context() {
        return context;
    }

    private synchronized void renew(CIFSContext stuck) throws CIFSException {
        if (context == stuck) {
            try {
                stuck.close();
            } catch (CIFSException e) {
                // the stuck transport is dropped either way
            }
            context = newContext();
        }
    }

    private SmbFile file(CIFSContext ctx, String share, String path) throws Exception {
        String p = path == null ? "" : path.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return new SmbFile("smb://" + server + "/" + share + "/" + p, ctx);
    }

    /** An SMB read against a context. */
    @FunctionalInterface
    private interface Read<T> {
        T run(CIFSContext ctx) throws Exception;
    }

    private <T> T call(String what, Read<T> read) throws Exception {
        String label = "SMB " + what + " at \\\\" + profile.sourceHost() + " (" + server + ")";
        return ServerCalls.track(label, () -> {
            CIFSContext ctx = context();
            long t0 = System.nanoTime();
            try {
                return read.run(ctx);
            } catch (java.io.IOException first) {
                if (Thread.currentThread().isInterrupted()) {
                    throw first;
                }
                long waited = System.nanoTime() - t0;
                // a busy server or a dropped session: one fresh connection before reporting it
                renew(ctx);
                long t1 = System.nanoTime();
                try {
                    T r = read.run(context());
                    ServerCalls.stalled(label + ": failed after " + ServerCalls.seconds(waited) + " ("
                            + first.getMessage() + "); retried on a fresh connection, answered after "
                            + ServerCalls.seconds(System.nanoTime() - t1));
                    return r;
                } catch (java.io.IOException second) {
                    second.addSuppressed(first);
                    throw new java.io.IOException(label + " failed twice: after " + ServerCalls.seconds(waited)
                            + " (" + first.getMessage() + ") and after " + ServerCalls.seconds(System.nanoTime() - t1)
                            + " on a fresh connection (" + second.getMessage() + ")", second);
                }
            }
        });
    }

    @Override
    public List<String> shares() throws Exception {
        return call("share list", ctx -> {
            List<String> out = new ArrayList<>();
            try (SmbFile s = new SmbFile("smb://" + server + "/", ctx)) {
                for (String n : s.list()) {
                    out.add(n.endsWith("/") ? n.substring(0, n.length() - 1) : n);
                }
            }
            return out;
        });
    }

    @Override
    public List<String> list(String share, String path) throws Exception {
        String folder = path == null || path.isEmpty() || path.endsWith("/") ? path : path + "/";
        return call("list of " + share + "\\" + (folder == null ? "" : folder), ctx -> {
            try (SmbFile f = file(ctx, share, folder == null ? "" : folder)) {
                return List.of(f.list());
            }
        });
    }

    @Override
    public byte[] read(String share, String path) throws Exception {
        return call("read of " + share + "\\" + path, ctx -> {
            try (SmbFile f = file(ctx, share, path); InputStream in = f.getInputStream()) {
                return in.readAllBytes();
            }
        });
    }

    @Override
    public String dialect() throws Exception {
        return call("dialect", ctx -> {
            try (SmbFile f = file(ctx, "IPC$", ""); jcifs.SmbTreeHandle t = f.getTreeHandle()) {
                return t.isSMB2() ? "SMB2 or later" : "SMB1";
            }
        });
    }

    /** Every share with its kind (hidden {@code $} shares included). */
    public List<org.migrationconsole.connect.shares.ShareSession.Share> shareInfos() throws Exception {
        return call("share list", ctx -> {
            List<org.migrationconsole.connect.shares.ShareSession.Share> out = new ArrayList<>();
            try (SmbFile s = new SmbFile("smb://" + server + "/", ctx)) {
                for (SmbFile f : s.listFiles()) {
                    try (f) {
                        String n = f.getName();
                        n = n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
                        var kind = switch (f.getType()) {
                            case SmbFile.TYPE_PRINTER -> org.migrationconsole.connect.shares.ShareSession.Kind.PRINTER;
                            case SmbFile.TYPE_NAMED_PIPE -> org.migrationconsole.connect.shares.ShareSession.Kind.IPC;
                            case SmbFile.TYPE_COMM -> org.migrationconsole.connect.shares.ShareSession.Kind.DEVICE;
                            default -> n.equalsIgnoreCase("IPC$") ? org.migrationconsole.connect.shares.ShareSession.Kind.IPC
                                    : org.migrationconsole.connect.shares.ShareSession.Kind.DISK;
                        };
                        out.add(new org.migrationconsole.connect.shares.ShareSession.Share(n, kind));
                    }
                }
            }
            return out;
        });
    }

    /** One folder's entries with size, time and attributes from the listing itself (no extra calls). */
    public List<org.migrationconsole.connect.shares.ShareSession.Entry> entries(String share, String folder)
            throws Exception {
        String f = folder == null || folder.isEmpty() ? "" : folder.endsWith("/") ? folder : folder + "/";
        String prefix = f;
        return call("list of " + share + "\\" + f, ctx -> {
            List<org.migrationconsole.connect.shares.ShareSession.Entry> out = new ArrayList<>();
            try (SmbFile dir = file(ctx, share, prefix)) {
                for (SmbFile c : dir.listFiles()) {
                    try (c) {
                        String n = c.getName();
                        int attrs = c.getAttributes();
                        boolean folderEntry = (attrs & 0x10) != 0 || n.endsWith("/");
                        if (n.endsWith("/")) {
                            n = n.substring(0, n.length() - 1);
                        }
                        out.add(new org.migrationconsole.connect.shares.ShareSession.Entry(prefix + n, folderEntry,
                                folderEntry ? 0 : c.length(), c.lastModified(), attrs));
                    }
                }
            }
            return out;
        });
    }

    /**
     * One folder's entries, streamed as the server sends them (FIND_FIRST/FIND_NEXT batches): a
     * folder of any size is never held in memory. Retried on a fresh connection only when nothing
     * was delivered yet (a listing that broke off half-way is reported, never counted twice).
     */
    public void forEachEntry(String share, String folder,
            java.util.function.Consumer<org.migrationconsole.connect.shares.ShareSession.Entry> sink) throws Exception {
        String prefix = folder == null || folder.isEmpty() ? "" : folder.endsWith("/") ? folder : folder + "/";
        long[] delivered = { 0 };
        call("list of " + share + "\\" + prefix, ctx -> {
            if (delivered[0] > 0) {
                throw new java.io.IOException("the listing broke off after " + delivered[0] + " entries");
            }
            try (SmbFile dir = file(ctx, share, prefix); jcifs.CloseableIterator<jcifs.SmbResource> it = dir.children()) {
                while (it.hasNext()) {
                    try (jcifs.SmbResource c = it.next()) {
                        String n = c.getName();
                        int attrs = c.getAttributes();
                        boolean folderEntry = (attrs & 0x10) != 0 || n.endsWith("/");
                        if (n.endsWith("/")) {
                            n = n.substring(0, n.length() - 1);
                        }
                        sink.accept(new org.migrationconsole.connect.shares.ShareSession.Entry(prefix + n, folderEntry,
                                folderEntry ? 0 : c.length(), c.lastModified(), attrs));
                        delivered[0]++;
                    }
                }
            }
            return null;
        });
    }

    private static List<org.migrationconsole.connect.shares.ShareSession.Ace> aces(jcifs.ACE[] in) {
        List<org.migrationconsole.connect.shares.ShareSession.Ace> out = new ArrayList<>();
        if (in != null) {
            for (jcifs.ACE a : in) {
                out.add(new org.migrationconsole.connect.shares.ShareSession.Ace(a.getSID().toString(), a.isAllow(),
                        a.getAccessMask(), a.getFlags()));
            }
        }
        return out;
    }

    /** A file's content as a stream; closing it closes the file (no retry: a stream cannot resume). */
    public InputStream open(String share, String path) throws Exception {
        SmbFile f = file(context(), share, path);
        InputStream in;
        try {
            in = f.getInputStream();
        } catch (Exception e) {
            f.close();
            throw e;
        }
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws java.io.IOException {
                try {
                    super.close();
                } finally {
                    f.close();
                }
            }
        };
    }

    /** The share's own ACL (srvsvc NetShareGetInfo level 502). */
    public List<org.migrationconsole.connect.shares.ShareSession.Ace> shareAcl(String share) throws Exception {
        return call("share ACL of " + share, ctx -> {
            try (SmbFile f = file(ctx, share, "")) {
                return aces(f.getShareSecurity(false));
            }
        });
    }

    /** Owner and DACL of a file or folder. */
    public org.migrationconsole.connect.shares.ShareSession.Security security(String share, String path)
            throws Exception {
        String p = path == null || path.isEmpty() ? "" : path;
        return call("security of " + share + "\\" + p, ctx -> {
            try (SmbFile f = file(ctx, share, p)) {
                jcifs.SID owner = f.getOwnerUser(false);
                return new org.migrationconsole.connect.shares.ShareSession.Security(
                        owner == null ? null : owner.toString(), aces(f.getSecurity(false)));
            }
        });
    }

    /** Total and free bytes of the disk under a share. */
    public org.migrationconsole.connect.shares.ShareSession.Space space(String share) throws Exception {
        return call("disk space of " + share, ctx -> {
            try (SmbFile f = file(ctx, share, "")) {
                return new org.migrationconsole.connect.shares.ShareSession.Space(f.length(), f.getDiskFreeSpace());
            }
        });
    }

    @Override
    public synchronized void close() {
        try {
            context.close();
        } catch (CIFSException e) {
            // closing the run's connections; nothing to report
        }
        java.util.Arrays.fill(password, '\0');
    }
}
