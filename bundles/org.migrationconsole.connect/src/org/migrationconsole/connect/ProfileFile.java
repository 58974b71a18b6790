package org.migrationconsole.connect;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

    /** Reads and checks a profile; every problem is listed with its key and the rule. */
    public static ConnectionProfile read(Path file) throws ConnectionException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConnectionException(ConnectionException.Kind.BAD_PROFILE,
                    "Cannot read the profile " + file + ": " + e.getMessage());
        }
        return parse(p, file.toString(), file.toAbsolutePath().getParent());
    }

    /**
     * Checks profile properties.
     *
     * @param origin named in messages (a file name)
     * @param base folder relative CA paths are resolved against
     */
    public static ConnectionProfile parse(Properties p, String origin, Path base) throws ConnectionException {
        List<String> problems = new ArrayList<>();
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
            ca = base == null ? Path.of(caText) : base.resolve(caText);
            if (!Files.isReadable(ca)) {
                problems.add("source.ldap.ca '" + caText + "' is not a readable file");
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
                    "The profile " + origin + " is not usable: " + String.join("; ", problems) + ".");
        }
        String name = optional(p, "profile.name");
        return new ConnectionProfile(name == null ? host : name, host, address, domain, netbios, admin, security,
                destHost, destAddress, target, ca);
    }

    /** Writes a profile atomically (temporary file, then rename), keys in a fixed order. */
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
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, sb, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
