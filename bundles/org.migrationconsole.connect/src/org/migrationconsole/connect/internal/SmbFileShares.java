package org.migrationconsole.connect.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jcifs.CIFSContext;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.smb.NtlmPasswordAuthenticator;
import jcifs.smb.SmbFile;

import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.FileShares;

/**
 * Read-only SMB access with jcifs-ng. SMB2/3 is preferred; SMB1 stays allowed because an SBS 2003
 * server may speak nothing else.
 */
public final class SmbFileShares implements FileShares {

    private final String host;
    private final CIFSContext context;

    public SmbFileShares(ConnectionProfile profile, char[] password, int timeoutMillis) throws Exception {
        this.host = profile.sourceHost();
        Properties p = new Properties();
        p.setProperty("jcifs.smb.client.minVersion", "SMB1");
        p.setProperty("jcifs.smb.client.maxVersion", "SMB311");
        p.setProperty("jcifs.smb.client.connTimeout", Integer.toString(timeoutMillis));
        p.setProperty("jcifs.smb.client.responseTimeout", Integer.toString(timeoutMillis));
        p.setProperty("jcifs.smb.client.soTimeout", Integer.toString(timeoutMillis));
        p.setProperty("jcifs.resolveOrder", "DNS");
        p.setProperty("jcifs.smb.client.ipcSigningEnforced", "false");
        CIFSContext base = new BaseContext(new PropertyConfiguration(p));
        this.context = base.withCredentials(
                new NtlmPasswordAuthenticator(profile.netbiosDomain(), profile.adminAccount(), new String(password)));
    }

    private SmbFile file(String share, String path) throws Exception {
        String p = path == null ? "" : path.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return new SmbFile("smb://" + host + "/" + share + "/" + p, context);
    }

    /** An SMB read; tried a second time when the first attempt fails on the wire. */
    @FunctionalInterface
    private interface Read<T> {
        T run() throws Exception;
    }

    private static <T> T once(Read<T> read) throws Exception {
        try {
            return read.run();
        } catch (java.io.IOException first) {
            // a busy server or a dropped session: one fresh attempt before reporting it
            Thread.sleep(200);
            try {
                return read.run();
            } catch (java.io.IOException second) {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    @Override
    public List<String> shares() throws Exception {
        return once(() -> {
            List<String> out = new ArrayList<>();
            try (SmbFile server = new SmbFile("smb://" + host + "/", context)) {
                for (String s : server.list()) {
                    out.add(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
                }
            }
            return out;
        });
    }

    @Override
    public List<String> list(String share, String path) throws Exception {
        String folder = path == null || path.isEmpty() || path.endsWith("/") ? path : path + "/";
        return once(() -> {
            try (SmbFile f = file(share, folder == null ? "" : folder)) {
                return List.of(f.list());
            }
        });
    }

    @Override
    public byte[] read(String share, String path) throws Exception {
        return once(() -> {
            try (SmbFile f = file(share, path); InputStream in = f.getInputStream()) {
                return in.readAllBytes();
            }
        });
    }

    @Override
    public String dialect() throws Exception {
        try (SmbFile f = file("IPC$", ""); jcifs.SmbTreeHandle t = f.getTreeHandle()) {
            return t.isSMB2() ? "SMB2 or later" : "SMB1";
        }
    }
}
