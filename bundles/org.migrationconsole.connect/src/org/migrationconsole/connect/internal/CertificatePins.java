package org.migrationconsole.connect.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Properties;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.migrationconsole.core.files.SafeFiles;

/**
 * Trust for the source's LDAP certificate. With a CA file the chain must lead to it. Without
 * one, the certificate is pinned on first contact by its SHA-256 fingerprint (kept in the
 * workspace's {@code trusted-certificates.properties}) and must match on every later contact.
 * Either way an expired certificate is refused.
 */
public final class CertificatePins {

    public static final String FILE = "trusted-certificates.properties";

    private final Path file;

    public CertificatePins(Path workspace) {
        this.file = workspace.resolve(FILE);
    }

    /** The fingerprint pinned for host:port, or null. */
    public synchronized String pinned(String endpoint) throws IOException {
        return load().getProperty(endpoint);
    }

    public synchronized void pin(String endpoint, String fingerprint, String subject) throws IOException {
        Properties p = load();
        p.setProperty(endpoint, fingerprint);
        store(p, "Certificates pinned on first contact (SHA-256). Last pinned: " + endpoint + " " + subject);
    }

    public synchronized boolean forget(String endpoint) throws IOException {
        Properties p = load();
        if (p.remove(endpoint) == null) {
            return false;
        }
        store(p, "Certificates pinned on first contact (SHA-256)");
        return true;
    }

    /** Atomically, 0600, never through a link or into another user's file. */
    private void store(Properties p, String comment) throws IOException {
        SafeFiles.writeAtomically(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            p.store(w, comment.replace('\n', ' ').replace('\r', ' '));
            w.flush();
        }, SafeFiles.PRIVATE_FILE);
    }

    /** Pin files larger than this are refused. */
    static final long MAX_BYTES = 1 << 20;

    private Properties load() throws IOException {
        Properties p = new Properties();
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            String text = SafeFiles.utf8(SafeFiles.readBounded(file, MAX_BYTES, "certificate pin file"),
                    "certificate pin file " + file);
            try {
                p.load(new StringReader(text));
            } catch (IllegalArgumentException e) {
                throw new IOException("The certificate pin file " + file + " is damaged: " + e.getMessage());
            }
        }
        return p;
    }

    public static String fingerprint(X509Certificate cert) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A trust manager for one endpoint. After a failed handshake, {@link Verifier#problem()}
     * says why in words; after a first contact, {@link Verifier#newlyPinned()} is set.
     */
    public Verifier verifier(String endpoint, Path caFile) throws IOException {
        return new Verifier(endpoint, caFile);
    }

    /** Checks the server certificate as described above. */
    public final class Verifier implements X509TrustManager {
        private final String endpoint;
        private final X509TrustManager caTrust;
        private volatile String problem;
        private volatile String newlyPinned;

        Verifier(String endpoint, Path caFile) throws IOException {
            this.endpoint = endpoint;
            this.caTrust = caFile == null ? null : caTrustManager(caFile);
        }

        public String problem() {
            return problem;
        }

        /** "fingerprint (subject)" when this contact pinned the certificate. */
        public String newlyPinned() {
            return newlyPinned;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            X509Certificate leaf = chain[0];
            try {
                leaf.checkValidity();
            } catch (CertificateExpiredException e) {
                problem = "the certificate of " + endpoint + " (" + leaf.getSubjectX500Principal().getName()
                        + ") expired on " + leaf.getNotAfter().toInstant() + "; renew it on the server";
                throw e;
            } catch (CertificateNotYetValidException e) {
                problem = "the certificate of " + endpoint + " is not valid before " + leaf.getNotBefore().toInstant()
                        + "; check the clocks of this machine and the server";
                throw e;
            }
            if (caTrust != null) {
                try {
                    caTrust.checkServerTrusted(chain, authType);
                } catch (CertificateException e) {
                    problem = "the certificate of " + endpoint + " was not issued by the CA named in the profile ("
                            + e.getMessage() + ")";
                    throw e;
                }
                return;
            }
            String fp = fingerprint(leaf);
            try {
                String pinned = pinned(endpoint);
                if (pinned == null) {
                    pin(endpoint, fp, leaf.getSubjectX500Principal().getName());
                    newlyPinned = fp + " (" + leaf.getSubjectX500Principal().getName() + ")";
                } else if (!pinned.equalsIgnoreCase(fp)) {
                    problem = "the certificate of " + endpoint + " changed: pinned SHA-256 " + pinned + ", now "
                            + fp + " (" + leaf.getSubjectX500Principal().getName() + "). If the server's certificate"
                            + " was renewed on purpose, remove the line for " + endpoint + " from " + file
                            + " and connect again";
                    throw new CertificateException(problem);
                }
            } catch (IOException e) {
                problem = "cannot read or write " + file + ": " + e.getMessage();
                throw new CertificateException(problem, e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return caTrust == null ? new X509Certificate[0] : caTrust.getAcceptedIssuers();
        }
    }

    private static X509TrustManager caTrustManager(Path caFile) throws IOException {
        try (InputStream in = new java.io.ByteArrayInputStream(SafeFiles.readBounded(caFile, 1 << 20,
                "CA certificate file"))) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (java.security.cert.Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            if (i == 0) {
                throw new IOException("no certificate in " + caFile);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    return x;
                }
            }
            throw new IOException("no X.509 trust manager");
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot use the CA file " + caFile + ": " + e.getMessage(), e);
        }
    }
}
