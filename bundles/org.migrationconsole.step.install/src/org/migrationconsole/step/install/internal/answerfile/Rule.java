package org.migrationconsole.step.install.internal.answerfile;

/**
 * A named rule: a stable id (used by the CLI, the editor and the tests) and the sentence shown
 * when a value breaks it.
 */
public enum Rule {
    REQUIRED("required", "must be given"),
    COMPUTER_NAME("computer-name", "must be 1 to 15 letters, digits or hyphens, must not start with a hyphen and must"
            + " not be made only of digits"),
    DNS_NAME("dns-name", "must be one or more dot-separated labels, each 1 to 15 letters, digits or hyphens, not"
            + " starting with a hyphen and not made only of digits"),
    USER_NAME("user-name", "must be 1 to 19 characters without / \\ [ ] | < > + = ; , ? *, must not start or end"
            + " with a period and must not contain two periods in a row"),
    USER_NAME_RESERVED("user-name-reserved", "must not be a reserved account name (Administrator, Guest, krbtgt,"
            + " DefaultAccount, HelpAssistant, SUPPORT_388945a0), in any letter case", true),
    USER_NAME_DISTINCT("user-name-distinct", "must differ from the server name and the domain names"),
    PASSWORD("password-strength", "must be at least 8 characters and use three of: upper-case letters, lower-case"
            + " letters, digits, other characters"),
    ACCEPT_EULA("accept-eula", "must be true: Setup does not go on unless the licence terms are accepted"),
    BOOLEAN("boolean", "must be true or false"),
    IPV4("ipv4", "must be an IPv4 address: four numbers from 0 to 255 without leading zeros, separated by dots"),
    IPV4_LIST("ipv4-list", "must be a comma-separated list of IPv4 addresses"),
    SUBNET_MASK("subnet-mask", "must be a subnet mask: an IPv4 address whose one-bits all come before its zero-bits"),
    GATEWAY_IN_SUBNET("gateway-in-subnet", "must lie in the subnet given by StaticIPv4Address and"
            + " StaticIPv4SubnetMask, and differ from the server's address"),
    GATEWAY_HOST("gateway-host", "must end in .1 or .254, where the migration guide expects the router"),
    SETTINGS("settings-choice", "must be All, Updates or None"),
    COMPANY_NAME("company-name", "must be at most 254 characters");

    private final String id;
    private final String sentence;
    private final boolean unverifiedInMigrationMode;

    Rule(String id, String sentence) {
        this(id, sentence, false);
    }

    Rule(String id, String sentence, boolean unverifiedInMigrationMode) {
        this.id = id;
        this.sentence = sentence;
        this.unverifiedInMigrationMode = unverifiedInMigrationMode;
    }

    /**
     * Whether the rule is documented for a clean install only: the ADK page states it, and no
     * source says whether migration-mode Setup (which signs in with an existing domain
     * administrator) applies it too. The console still enforces it and says it is unverified there.
     */
    public boolean unverifiedInMigrationMode() {
        return unverifiedInMigrationMode;
    }

    public String id() {
        return id;
    }

    public String sentence() {
        return sentence;
    }

    public static Rule byId(String id) {
        for (Rule r : values()) {
            if (r.id.equals(id)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown rule '" + id + "'");
    }
}
