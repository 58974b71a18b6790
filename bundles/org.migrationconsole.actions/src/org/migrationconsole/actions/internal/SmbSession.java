package org.migrationconsole.actions.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import jcifs.CIFSContext;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.smb.NtlmPasswordAuthenticator;
import jcifs.smb.SmbFile;

import org.migrationconsole.api.action.WritableFileShares;
import org.migrationconsole.api.check.ConnectionProfile;

/**
 * A server's SMB shares with write access (jcifs-ng; SMB1 allowed for SBS 2003). Writes are refused
 * while {@link #setReadOnly read-only} (planning).
 */
public final class SmbSession implements WritableFileShares {

    private final String host;
    private final CIFSContext context;
    private volatile boolean readOnly;

    public SmbSession(String host, ConnectionProfile profile, char[] password, int timeoutMillis) {
        this.host = host;
        Properties p = new Properties();
        p.setProperty("jcifs.smb.client.minVersion", "SMB1");
        p.setProperty("jcifs.smb.client.maxVersion", "SMB311");
        p.setProperty("jcifs.smb.client.connTimeout", Integer.toString(timeoutMillis));
        p.setProperty("jcifs.smb.client.responseTimeout", Integer.toString(Math.max(timeoutMillis, 30_000)));
        p.setProperty("jcifs.smb.client.soTimeout", Integer.toString(Math.max(timeoutMillis, 30_000)));
        p.setProperty("jcifs.resolveOrder", "DNS");
        p.setProperty("jcifs.smb.client.ipcSigningEnforced", "false");
        CIFSContext base;
        try {
            base = new BaseContext(new PropertyConfiguration(p));
        } catch (jcifs.CIFSException e) {
            throw new IllegalStateException(e);
        }
        this.context = base.withCredentials(
                new NtlmPasswordAuthenticator(profile.netbiosDomain(), profile.adminAccount(), new String(password)));
    }

    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    private void writable(String what) {
        if (readOnly) {
            throw new IllegalStateException("refused to " + what + " while planning: a plan writes nothing");
        }
    }

    private SmbFile file(String share, String path) throws Exception {
        String p = path == null ? "" : path.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return new SmbFile("smb://" + host + "/" + share + "/" + p, context);
    }

    @Override
    public List<String> shares() throws Exception {
        List<String> out = new ArrayList<>();
        try (SmbFile server = new SmbFile("smb://" + host + "/", context)) {
            for (String s : server.list()) {
                out.add(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
            }
        }
        return out;
    }

    @Override
    public List<String> list(String share, String path) throws Exception {
        String folder = path == null || path.isEmpty() || path.endsWith("/") ? path : path + "/";
        try (SmbFile f = file(share, folder == null ? "" : folder)) {
            return List.of(f.list());
        }
    }

    @Override
    public byte[] read(String share, String path) throws Exception {
        try (SmbFile f = file(share, path); InputStream in = f.getInputStream()) {
            return in.readAllBytes();
        }
    }

    @Override
    public String dialect() throws Exception {
        try (SmbFile f = file("IPC$", ""); jcifs.SmbTreeHandle t = f.getTreeHandle()) {
            return t.isSMB2() ? "SMB2 or later" : "SMB1";
        }
    }

    @Override
    public boolean exists(String share, String path) throws Exception {
        try (SmbFile f = file(share, path)) {
            return f.exists();
        }
    }

    /** True when the path is a folder. */
    public boolean isFolder(String share, String path) throws Exception {
        try (SmbFile f = file(share, path.endsWith("/") ? path : path + "/")) {
            return f.exists() && f.isDirectory();
        }
    }

    @Override
    public void write(String share, String path, byte[] content) throws Exception {
        writable("write \\\\" + host + "\\" + share + "\\" + path);
        try (SmbFile f = file(share, path); OutputStream out = f.getOutputStream()) {
            out.write(content);
        }
    }

    @Override
    public void delete(String share, String path) throws Exception {
        writable("delete \\\\" + host + "\\" + share + "\\" + path);
        try (SmbFile f = file(share, path)) {
            if (!f.exists()) {
                return;
            }
            if (f.isDirectory()) {
                try (SmbFile d = file(share, path.endsWith("/") ? path : path + "/")) {
                    d.delete();
                }
            } else {
                f.delete();
            }
        }
    }

    @Override
    public void createFolder(String share, String path) throws Exception {
        writable("create \\\\" + host + "\\" + share + "\\" + path);
        try (SmbFile f = file(share, path.endsWith("/") ? path : path + "/")) {
            if (!f.exists()) {
                f.mkdirs();
            }
        }
    }
}
