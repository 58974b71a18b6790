package org.migrationconsole.step.join.internal.clients;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Sorts a computer into one class. The facts: the Connector does not support Windows XP or Windows
 * Vista (catalog 3.1a, verified). Not in the catalog, and therefore settable: that Windows 2000
 * and NT count as legacy too ({@code -Dmigrationconsole.clients.legacy}, default
 * {@value #DEFAULT_LEGACY}), which systems the Connector runs on
 * ({@code -Dmigrationconsole.clients.connector}, default {@value #DEFAULT_CONNECTOR}), and after
 * how many days without a logon an account is stale (the step's input {@code stale-days}, default
 * {@value #DEFAULT_STALE_DAYS}; well above the 9 to 14 days by which {@code lastLogonTimestamp}
 * lags).
 */
public final class Classifier {

    public static final int DEFAULT_STALE_DAYS = 90;
    public static final String DEFAULT_LEGACY = "Windows 2000,Windows XP,Windows Vista,Windows NT";
    public static final String DEFAULT_CONNECTOR = "Windows 7,Windows 8,Windows 10,Windows 11,Mac OS";

    /** What a computer is, in the order the rules are applied. */
    public enum Kind {
        DOMAIN_CONTROLLER("domain-controller", "domain controller (not a client)"),
        DISABLED("disabled", "disabled account"),
        STALE("stale", "stale"),
        SERVER("server", "server (no Connector; stays a domain member)"),
        LEGACY("legacy", "legacy: the Connector does not run on it"),
        CONNECTOR("connector", "can run the Connector"),
        UNKNOWN("unknown", "system not recognised");

        private final String id;
        private final String label;

        Kind(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public String id() {
            return id;
        }

        public String label() {
            return label;
        }

        /** A short name for counts and lists: "legacy", "server", "can run the Connector". */
        public String shortLabel() {
            return switch (this) {
                case CONNECTOR -> "can run the Connector";
                case DOMAIN_CONTROLLER -> "domain controller";
                case UNKNOWN -> "unknown system";
                default -> id;
            };
        }
    }

    /**
     * @param kind the class
     * @param idleDays days since the last logon (or, without one, since the account was created); -1 unknown
     * @param active enabled, not stale, not a domain controller: must be accounted for in step 3
     * @param why the rule that decided, in words
     */
    public record Classification(Kind kind, long idleDays, boolean active, String why) {
    }

    private final int staleDays;
    private final List<String> legacy;
    private final List<String> connector;

    public Classifier(int staleDays) {
        this(staleDays, System.getProperty("migrationconsole.clients.legacy", DEFAULT_LEGACY),
                System.getProperty("migrationconsole.clients.connector", DEFAULT_CONNECTOR));
    }

    public Classifier(int staleDays, String legacyList, String connectorList) {
        if (staleDays < 1) {
            throw new IllegalArgumentException("stale days must be at least 1");
        }
        this.staleDays = staleDays;
        this.legacy = list(legacyList);
        this.connector = list(connectorList);
    }

    public int staleDays() {
        return staleDays;
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(s -> normal(s)).filter(s -> !s.isEmpty()).toList();
    }

    /** Lower case, without the ® and ™ some systems put into their names, single spaces. */
    static String normal(String os) {
        return os.replaceAll("[\u00ae\u2122]", "").replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    private static boolean matches(String os, List<String> names) {
        for (String n : names) {
            int i = os.indexOf(n);
            // "windows 8" matches "windows 8.1 pro" but "windows 1" would not match "windows 10"
            while (i >= 0) {
                int end = i + n.length();
                if (end == os.length() || !Character.isLetterOrDigit(os.charAt(end))) {
                    return true;
                }
                i = os.indexOf(n, i + 1);
            }
        }
        return false;
    }

    /** The kind of system alone, whatever the account's activity. */
    public Kind systemKind(Computer c) {
        String os = normal(c.os());
        if (c.domainController()) {
            return Kind.DOMAIN_CONTROLLER;
        }
        if (os.contains("server")) {
            return Kind.SERVER;
        }
        if (matches(os, legacy)) {
            return Kind.LEGACY;
        }
        if (matches(os, connector)) {
            return Kind.CONNECTOR;
        }
        return Kind.UNKNOWN;
    }

    public Classification classify(Computer c, LocalDate today) {
        LocalDate seen = c.lastLogon() != null ? c.lastLogon() : c.created();
        long idle = seen == null ? -1 : Math.max(0, ChronoUnit.DAYS.between(seen, today));
        String since = c.lastLogon() != null ? "last logon " + idle + " days ago (" + c.lastLogon() + ")"
                : c.created() != null ? "no logon recorded since the account was created " + idle + " days ago ("
                        + c.created() + ")" : "no logon or creation date recorded";
        Kind system = systemKind(c);
        if (system == Kind.DOMAIN_CONTROLLER) {
            return new Classification(system, idle, false, "a domain controller's account");
        }
        if (!c.enabled()) {
            return new Classification(Kind.DISABLED, idle, false, "userAccountControl has ACCOUNTDISABLE; " + since);
        }
        if (idle > staleDays) {
            return new Classification(Kind.STALE, idle, false, since + ", more than " + staleDays + " days");
        }
        String os = c.os().isEmpty() ? "no operatingSystem recorded" : c.os();
        return new Classification(system, idle, true, os + "; " + since);
    }
}
