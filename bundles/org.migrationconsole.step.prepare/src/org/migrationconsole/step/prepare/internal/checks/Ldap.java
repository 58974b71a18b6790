package org.migrationconsole.step.prepare.internal.checks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;

/** Small directory helpers shared by the step-1 checks. */
final class Ldap {

    /** userAccountControl bits. */
    static final int ACCOUNTDISABLE = 0x2;
    static final int NORMAL_ACCOUNT = 0x200;
    static final int SERVER_TRUST_ACCOUNT = 0x2000;

    private Ldap() {
    }

    /** Escapes a value for use inside an LDAP filter (RFC 4515). */
    static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\5c");
                case '*' -> sb.append("\\2a");
                case '(' -> sb.append("\\28");
                case ')' -> sb.append("\\29");
                case '\0' -> sb.append("\\00");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Two DNs as the server wrote them, compared without case and without spaces around separators. */
    static boolean sameDn(String a, String b) {
        return a != null && b != null && normalize(a).equals(normalize(b));
    }

    private static String normalize(String dn) {
        return dn.replaceAll("\\s*([,=])\\s*", "$1").toLowerCase(Locale.ROOT);
    }

    /** The value of the first RDN, e.g. {@code SBS2003} for {@code CN=SBS2003,OU=...}. */
    static String rdnValue(String dn) {
        if (dn == null) {
            return null;
        }
        String first = dn.substring(0, firstSeparator(dn));
        int eq = first.indexOf('=');
        return eq < 0 ? first : first.substring(eq + 1);
    }

    private static int firstSeparator(String dn) {
        for (int i = 0; i < dn.length(); i++) {
            if (dn.charAt(i) == '\\') {
                i++;
            } else if (dn.charAt(i) == ',') {
                return i;
            }
        }
        return dn.length();
    }

    /** The DN without its first RDN. */
    static String parentDn(String dn) {
        int i = firstSeparator(dn);
        return i < dn.length() ? dn.substring(i + 1) : "";
    }

    static int intValue(Entry e, String attribute, int fallback) {
        String v = e.first(attribute);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException ex) {
            return fallback;
        }
    }

    /** One entry read by DN, or empty when it does not exist. */
    static Optional<Entry> read(Directory dir, String dn, String... attributes) throws Exception {
        List<Entry> r = dir.search(dn, Scope.BASE, "(objectClass=*)", attributes);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(0));
    }

    /** The source DC's computer object and how it was found. */
    record SourceComputer(Entry entry, String foundVia) {
    }

    /**
     * Finds the source domain controller's computer object: rootDSE serverName → the server
     * object's serverReference; failing that, the computer whose dNSHostName is the source host.
     */
    static Optional<SourceComputer> sourceComputer(CheckContext ctx, String... attributes) throws Exception {
        Directory dir = ctx.directory();
        Entry dse = dir.rootDse();
        String serverName = dse.first("serverName");
        if (serverName != null) {
            Optional<Entry> server = read(dir, serverName, "serverReference");
            String ref = server.map(s -> s.first("serverReference")).orElse(null);
            if (ref != null) {
                Optional<Entry> computer = read(dir, ref, attributes);
                if (computer.isPresent()) {
                    return Optional.of(new SourceComputer(computer.get(),
                            "rootDSE serverName " + serverName + " → serverReference " + ref));
                }
            }
        }
        String host = dse.first("dnsHostName") != null ? dse.first("dnsHostName") : ctx.profile().sourceHost();
        List<Entry> r = dir.search(dir.defaultNamingContext(), Scope.SUBTREE,
                "(&(objectCategory=computer)(dNSHostName=" + escape(host) + "))", attributes);
        return r.isEmpty() ? Optional.empty()
                : Optional.of(new SourceComputer(r.get(0), "search for the computer with dNSHostName " + host));
    }
}
