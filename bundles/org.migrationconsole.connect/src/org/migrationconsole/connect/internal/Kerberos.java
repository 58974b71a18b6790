package org.migrationconsole.connect.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

import org.migrationconsole.api.check.ConnectionProfile;

/**
 * Java's Kerberos (JGSS) set up from the profile alone, without the machine's krb5.conf: the
 * realm is the AD domain in upper case (an AD domain is always its own Kerberos realm) and the
 * KDC is the source domain controller at the address the run connects to (every AD DC is a KDC).
 * The configuration is a private file of this process ({@code java.security.krb5.conf}).
 *
 * <p>SBS 2003 has only RC4 keys at the Windows 2003 functional level, so the file allows the weak
 * enctypes Java otherwise refuses; KDC traffic goes over TCP with a bounded timeout and one
 * retry, so a silent KDC cannot stall a run.
 */
public final class Kerberos {

    private static Path file;
    private static String written;

    private Kerberos() {
    }

    /** The Kerberos realm of the profile's domain. */
    public static String realm(ConnectionProfile profile) {
        return profile.domain().toUpperCase(Locale.ROOT);
    }

    /**
     * Points the JVM's Kerberos at a configuration for this realm and KDC.
     *
     * @return true when the configuration changed (Java must re-read it)
     */
    public static synchronized boolean configure(String realm, String kdcAddress) throws IOException {
        String domain = realm.toLowerCase(Locale.ROOT);
        String text = "# written by Migration Console for one run; not the machine's krb5.conf\n"
                + "[libdefaults]\n"
                + " default_realm = " + realm + "\n"
                + " dns_lookup_kdc = false\n"
                + " dns_lookup_realm = false\n"
                + " dns_canonicalize_hostname = false\n"
                + " rdns = false\n"
                // SBS 2003 (FL 2003) accounts have RC4 keys only
                + " allow_weak_crypto = true\n"
                + " default_tkt_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 rc4-hmac\n"
                + " default_tgs_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 rc4-hmac\n"
                + " permitted_enctypes = aes256-cts-hmac-sha1-96 aes128-cts-hmac-sha1-96 rc4-hmac\n"
                + " udp_preference_limit = 1\n"
                + " kdc_timeout = 5000\n"
                + " max_retries = 1\n"
                + "[realms]\n"
                + " " + realm + " = {\n  kdc = " + kdcAddress + ":88\n }\n"
                + "[domain_realm]\n"
                + " ." + domain + " = " + realm + "\n"
                + " " + domain + " = " + realm + "\n";
        boolean changed = file == null || !text.equals(written)
                || !file.toString().equals(System.getProperty("java.security.krb5.conf"));
        if (!changed) {
            return false;
        }
        if (file == null) {
            Path dir = Files.createTempDirectory("migration-console-krb5-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            dir.toFile().deleteOnExit();
            file = dir.resolve("krb5.conf");
            file.toFile().deleteOnExit();
        }
        Path tmp = file.resolveSibling("krb5.conf.tmp");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.setProperty("java.security.krb5.conf", file.toString());
        System.clearProperty("java.security.krb5.realm");
        System.clearProperty("java.security.krb5.kdc");
        written = text;
        return true;
    }
}
