package org.migrationconsole.connect;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.ConnectionProfile.LdapSecurity;
import org.migrationconsole.api.check.TargetVersion;
import org.migrationconsole.core.files.SafeFiles;
import org.migrationconsole.core.files.UnsafeFileException;

/**
 * Reads, checks and writes connection profiles: Java properties files (UTF-8) that can also be
 * written by hand. The keys are documented in the README. A profile never holds a password.
 */
public final class ProfileFile {

    /** Name of the profile kept in a workspace when none is given. */
    public static final String WORKSPACE_PROFILE = "profile.properties";

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4 = Pattern
            .compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern NETBIOS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,14}");
    private static final Pattern ACCOUNT = Pattern.compile("[^\"/\\\\\\[\\]:;|=,+*?<>@\\s][^\"/\\\\\\[\\]:;|=,+*?<>@]{0,19}");

    private ProfileFile() {
    }

    /** Profiles larger than this are refused before they are read. */
    public static final long MAX_BYTES = 64 * 1024;

    /**
     * Reads and checks a profile; every problem is listed with its key and the rule. The file
     * must be a regular file of at most {@link #MAX_BYTES} bytes, UTF-8 (a byte-order mark is
     * allowed).
     */
    public static ConnectionProfile read(Path file) throws ConnectionException {
        String text;
        try {
            text = SafeFiles.utf8(SafeFiles.readBounded(file, MAX_BYTES, "profile"), "profile " + file);
        } catch (NoSuchFileException e) {
            throw new ConnectionException(ConnectionException.Kind.BAD_PROFILE,
                    "The profile " + file + " does not exist");
        } catch (IOException e) {
            throw new ConnectionException(ConnectionException.Kind.BAD_PROFILE, e instanceof UnsafeFileException
                    || e instanceof SafeFiles.NotUtf8Exception ? e.getMessage()
                            : "Cannot read the profile " + file + ": " + e.getMessage());
        }
        return parse(load(text, file.toString()), file.toString(), file.toAbsolutePath().getParent());
    }

    /**
     * Loads properties text, refusing a broken {@code \\uXXXX} escape with its line and key
     * (where {@link Properties#load} only says "Malformed \\uxxxx encoding").
     */
    static Properties load(String text, String origin) throws ConnectionException {
        String[] lines = text.split("\n", -1);
        boolean continued = false;
        String key = null;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            String trimmed = line.stripLeading();
            if (!continued && (trimmed.startsWith("#") || trimmed.startsWith("!"))) {
                continue;
            }
            if (!continued) {
                key = keyOf(trimmed);
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\\') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == 'u') {
                        String hex = line.length() >= i + 6 ? line.substring(i + 2, i + 6) : line.substring(i + 2);
                        if (!hex.matches("[0-9A-Fa-f]{4}")) {
                            throw new ConnectionException(ConnectionException.Kind.BAD_PROFILE, "The profile " + origin
                                    + " is not usable: line " + (n + 1) + " (key " + key + "): '\\u' must be followed"
                                    + " by four hex digits (e.g. \\u00e9), not '" + printable(hex) + "'.");
                        }
                    }
                    i++;
                }
            }
            String body = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            int backslashes = 0;
            for (int i = body.length() - 1; i >= 0 && body.charAt(i) == '\\'; i--) {
                backslashes++;
            }
            continued = backslashes % 2 == 1;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConnectionException(ConnectionException.Kind.BAD_PROFILE, "The profile " + origin
                    + " is not usable: " + e.getMessage());
        }
        return p;
    }

    private static String keyOf(String trimmed) {
        int end = 0;
        while (end < trimmed.length() && "=: \t\f".indexOf(trimmed.charAt(end)) < 0) {
            end++;
        }
        return printable(trimmed.substring(0, end));
    }

    /** Control characters as \\uXXXX so that a message cannot hide or forge text. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                    || (c >= '\u2066' && c <= '\u2069')) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Checks profile properties.
     *
     * @param origin named in messages (a file name)
     * @param base folder relative CA paths are resolved against
     */
    public static ConnectionProfile parse(Properties p, String origin, Path base) throws ConnectionException {
        List<String> problems = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(p.stringPropertyNames())) {
            String v = p.getProperty(key);
            for (int i = 0; i < v.length(); i++) {
                if (Character.isISOControl(v.charAt(i))) {
                    problems.add(printable(key) + " contains a control character (U+"
                            + String.format("%04X", (int) v.charAt(i)) + ") at position " + (i + 1)
                            + "; values are plain text on one line");
                    p.remove(key);
                    break;
                }
            }
        }
        String host = required(p, "source.host", problems);
        if (host != null && !isDnsName(host)) {
            problems.add("source.host '" + host + "' is not a valid host name (letters, digits and hyphens in"
                    + " dot-separated labels of at most 63 characters, e.g. sbs2003.contoso.local)");
        }
        String address = optional(p, "source.address");
        if (address != null && !IPV4.matcher(address).matches()) {
            problems.add("source.address '" + address + "' is not an IPv4 address (e.g. 192.168.16.2)");
        }
        String domain = required(p, "source.domain", problems);
        if (domain != null && (!isDnsName(domain) || !domain.contains("."))) {
            problems.add("source.domain '" + domain + "' must be the AD DNS domain name (e.g. contoso.local)");
        }
        String netbios = optional(p, "source.netbios");
        if (netbios == null && domain != null) {
            netbios = domain.substring(0, domain.indexOf('.') < 0 ? domain.length() : domain.indexOf('.'))
                    .toUpperCase(java.util.Locale.ROOT);
        }
        if (netbios != null && !NETBIOS.matcher(netbios).matches()) {
            problems.add("source.netbios '" + netbios + "' must be 1 to 15 letters, digits or hyphens");
        }
        String admin = required(p, "source.admin", problems);
        if (admin != null && !ACCOUNT.matcher(admin).matches()) {
            problems.add("source.admin '" + admin + "' must be an account name (sAMAccountName, at most 20"
                    + " characters, none of \" / \\ [ ] : ; | = , + * ? < > @)");
        }
        // no certificate given: a stock SBS 2003 has none, so Kerberos (signed and sealed) by default
        LdapSecurity security = optional(p, "lab.ca") != null || optional(p, "source.ldap.ca") != null
                ? LdapSecurity.LDAPS : LdapSecurity.KERBEROS;
        String sec = optional(p, "source.ldap.security");
        if (sec != null) {
            try {
                security = LdapSecurity.byId(sec);
            } catch (IllegalArgumentException e) {
                problems.add("source.ldap.security '" + sec + "' " + e.getMessage());
            }
        }
        String destHost = optional(p, "destination.host");
        if (destHost != null && !isDnsName(destHost)) {
            problems.add("destination.host '" + destHost + "' is not a valid host name");
        }
        String destAddress = optional(p, "destination.address");
        if (destAddress != null && !IPV4.matcher(destAddress).matches()) {
            problems.add("destination.address '" + destAddress + "' is not an IPv4 address");
        }
        TargetVersion target = null;
        String t = required(p, "target.version", problems);
        if (t != null) {
            try {
                target = TargetVersion.byId(t);
            } catch (IllegalArgumentException e) {
                problems.add("target.version '" + t + "' " + e.getMessage());
            }
        }
        Path ca = null;
        String caText = optional(p, "lab.ca");
        if (caText == null) {
            caText = optional(p, "source.ldap.ca");
        }
        if (caText != null) {
            String caKey = p.getProperty("lab.ca") != null && !p.getProperty("lab.ca").isBlank() ? "lab.ca"
                    : "source.ldap.ca";
            try {
                ca = base == null ? Path.of(caText) : base.resolve(caText);
                if (Files.isDirectory(ca)) {
                    problems.add(caKey + " '" + caText + "' is a directory; it must name a CA certificate file (PEM)");
                } else if (!Files.exists(ca)) {
                    problems.add(caKey + " '" + caText + "' does not exist; it must name a CA certificate file (PEM)");
                } else if (!Files.isRegularFile(ca)) {
                    problems.add(caKey + " '" + caText + "' is " + SafeFiles.kind(ca.toRealPath())
                            + ", not a regular file; it must name a CA certificate file (PEM)");
                } else if (!Files.isReadable(ca)) {
                    problems.add(caKey + " '" + caText + "' is not a readable file");
                } else if (Files.size(ca) > MAX_CA_BYTES) {
                    problems.add(caKey + " '" + caText + "' is larger than " + SafeFiles.describe(MAX_CA_BYTES)
                            + "; a CA certificate file is a few KiB");
                }
            } catch (java.nio.file.InvalidPathException | IOException e) {
                problems.add(caKey + " '" + printable(caText) + "' is not a usable path (" + e.getMessage() + ")");
            }
        }
        for (String key : p.stringPropertyNames()) {
            if (key.toLowerCase(java.util.Locale.ROOT).contains("password")) {
                problems.add(key + ": passwords do not belong in a profile; use --password-file or the console's"
                        + " secure storage");
            }
        }
        if (!problems.isEmpty()) {
            throw new ConnectionException(ConnectionException.Kind.BAD_PROFILE,
                    "The profile " + printable(origin) + " is not usable: " + printable(String.join("; ", problems))
                            + ".");
        }
        String name = optional(p, "profile.name");
        return new ConnectionProfile(name == null ? host : name, host, address, domain, netbios, admin, security,
                destHost, destAddress, target, ca);
    }

    /** CA certificate files larger than this are refused. */
    public static final long MAX_CA_BYTES = 1 << 20;

    /**
     * Writes a profile atomically (new temporary file, forced to disk, then renamed; never
     * through a link or into another user's file; 0600), keys in a fixed order.
     */
    public static void write(ConnectionProfile profile, Path file) throws IOException {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("profile.name", profile.name());
        p.put("source.host", profile.sourceHost());
        p.put("source.address", profile.sourceAddress());
        p.put("source.domain", profile.domain());
        p.put("source.netbios", profile.netbiosDomain());
        p.put("source.admin", profile.adminAccount());
        p.put("source.ldap.security", profile.ldapSecurity().id());
        p.put("source.ldap.ca", profile.caFile() == null ? null : profile.caFile().toString());
        p.put("destination.host", profile.destinationHost());
        p.put("destination.address", profile.destinationAddress());
        p.put("target.version", profile.target().id());
        StringBuilder sb = new StringBuilder("# Migration Console connection profile (no passwords here)\n");
        p.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                sb.append(k).append('=').append(v.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
            }
        });
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            SafeFiles.ensurePrivateDirectory(dir);
        }
        SafeFiles.writeAtomically(file, sb.toString().getBytes(StandardCharsets.UTF_8), SafeFiles.PRIVATE_FILE);
    }

    private static String optional(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String required(Properties p, String key, List<String> problems) {
        String v = optional(p, key);
        if (v == null) {
            problems.add(key + " is missing (required)");
        }
        return v;
    }

    /** A DNS host name: dot-separated labels of letters, digits and hyphens, at most 253 characters. */
    public static boolean isDnsName(String s) {
        if (s.isEmpty() || s.length() > 253 || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (String label : s.split("\\.")) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }
}
