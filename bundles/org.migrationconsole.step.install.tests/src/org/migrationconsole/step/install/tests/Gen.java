package org.migrationconsole.step.install.tests;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Builds valid and invalid values by construction, from the rules' wording, without calling the
 * validator: every generator knows why its value is (in)valid.
 */
final class Gen {

    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";
    static final String LETTERS = UPPER + LOWER;
    static final String OTHER = "!@#$%^&*()-_=+[]{};:'\",.<>/?\\|`~ \u00e9\u00df\u20ac\u00a7";
    /** Characters a computer name may not hold (none of them a dot, a CR or an LF). */
    static final String NOT_IN_LABEL = " _@!#$%^&*()+=/\\:;,'\"\u00e9\u00df\u0430\u0661\t~";
    static final String USER_FORBIDDEN = "/\\[]|<>+=;,?*";
    static final String USER_OK = LETTERS + DIGITS + "-_ !#$%^&()'~@{}\u00e9\u00df";
    static final List<String> RESERVED = List.of("Administrator", "Guest", "krbtgt", "DefaultAccount",
            "HelpAssistant", "SUPPORT_388945a0");

    final Random r;

    Gen(long seed) {
        r = new Random(seed);
    }

    char pick(String pool) {
        return pool.charAt(r.nextInt(pool.length()));
    }

    String string(String pool, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(pick(pool));
        }
        return b.toString();
    }

    /** A length in [min, max] with the ends chosen often. */
    int length(int min, int max) {
        return switch (r.nextInt(4)) {
            case 0 -> min;
            case 1 -> max;
            default -> min + r.nextInt(max - min + 1);
        };
    }

    String randomCase(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(r.nextBoolean() ? Character.toUpperCase(c) : Character.toLowerCase(c));
        }
        return b.toString();
    }

    // ------------------------------------------------------------ computer names / labels

    String label() {
        int n = length(1, 15);
        StringBuilder b = new StringBuilder();
        b.append(pick(LETTERS + DIGITS));
        for (int i = 1; i < n; i++) {
            b.append(pick(LETTERS + DIGITS + "-"));
        }
        if (b.chars().allMatch(Character::isDigit)) {
            b.setCharAt(r.nextInt(n), pick(LETTERS));
        }
        return b.toString();
    }

    String badLabel(boolean allowDot) {
        switch (r.nextInt(allowDot ? 5 : 4)) {
            case 0: { // too long
                String s = pick(LETTERS) + string(LETTERS + DIGITS + "-", length(16, 40) - 1);
                return s;
            }
            case 1: // starts with a hyphen
                return "-" + string(LETTERS + DIGITS + "-", length(0, 14));
            case 2: // only digits
                return string(DIGITS, length(1, 15));
            case 3: { // a character that is not a letter, digit or hyphen
                StringBuilder b = new StringBuilder(label());
                b.setCharAt(r.nextInt(b.length()), pick(NOT_IN_LABEL));
                return b.toString();
            }
            default: { // a dot
                StringBuilder b = new StringBuilder(label());
                b.insert(r.nextInt(b.length() + 1), '.');
                return b.toString();
            }
        }
    }

    String dnsName() {
        int n = 1 + r.nextInt(4);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels.add(label());
        }
        return String.join(".", labels);
    }

    String badDnsName() {
        List<String> labels = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
            labels.add(label());
        }
        switch (r.nextInt(4)) {
            case 0 -> labels.set(r.nextInt(n), badLabel(false));
            case 1 -> labels.add(0, "");
            case 2 -> labels.add("");
            default -> labels.add(r.nextInt(n + 1), "");
        }
        return String.join(".", labels);
    }

    // ------------------------------------------------------------ user names

    String userName() {
        int n = length(1, 19);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            boolean dotAllowed = i > 0 && i < n - 1 && b.charAt(i - 1) != '.';
            b.append(dotAllowed && r.nextInt(6) == 0 ? '.' : pick(USER_OK));
        }
        return b.toString();
    }

    String badUserName() {
        switch (r.nextInt(5)) {
            case 0:
                return string(USER_OK, length(20, 40));
            case 1: {
                StringBuilder b = new StringBuilder(userName());
                b.setCharAt(r.nextInt(b.length()), pick(USER_FORBIDDEN));
                return b.toString();
            }
            case 2:
                return "." + string(USER_OK, length(0, 18));
            case 3:
                return string(USER_OK, length(0, 18)) + ".";
            default: {
                String s = string(USER_OK, length(0, 17));
                int at = r.nextInt(s.length() + 1);
                return s.substring(0, at) + ".." + s.substring(at);
            }
        }
    }

    boolean reservedOrEqual(String user, String... others) {
        for (String x : RESERVED) {
            if (x.equalsIgnoreCase(user)) {
                return true;
            }
        }
        for (String x : others) {
            if (x.equalsIgnoreCase(user)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------ passwords

    String password() {
        List<String> classes = new ArrayList<>(List.of(UPPER, LOWER, DIGITS, OTHER));
        Collections.shuffle(classes, r);
        List<String> chosen = classes.subList(0, 3 + r.nextInt(2));
        int n = length(8, 64);
        List<Character> cs = new ArrayList<>();
        for (String c : chosen) {
            cs.add(pick(c));
        }
        String union = String.join("", chosen);
        while (cs.size() < n) {
            cs.add(pick(union));
        }
        Collections.shuffle(cs, r);
        StringBuilder b = new StringBuilder();
        cs.forEach(b::append);
        return b.toString();
    }

    String badPassword() {
        if (r.nextBoolean()) {
            return string(UPPER + LOWER + DIGITS + OTHER, length(0, 7));
        }
        List<String> classes = new ArrayList<>(List.of(UPPER, LOWER, DIGITS, OTHER));
        Collections.shuffle(classes, r);
        String union = String.join("", classes.subList(0, 1 + r.nextInt(2)));
        return string(union, length(8, 64));
    }

    // ------------------------------------------------------------ words

    String anyOf(String... options) {
        return options[r.nextInt(options.length)];
    }

    String notTrueOrFalse() {
        return switch (r.nextInt(3)) {
            case 0 -> anyOf("yes", "no", "1", "0", "on", "off", "t", "f", "tru", "fals", "truee", "falsee", "t rue",
                    " true", "false ", "tr\u00fce", "tru\u0435", "fal\u017fe", "\u017ftrue", "", "\"true\"", "true;");
            case 1 -> string(LETTERS + DIGITS, r.nextInt(2) == 0 ? length(0, 3) : length(6, 12));
            default -> randomCase(anyOf("true", "false")) + pick("x1 .;");
        };
    }

    String notTrue() {
        return r.nextInt(3) == 0 ? randomCase("false") : notTrueOrFalse();
    }

    String notSettings() {
        return switch (r.nextInt(3)) {
            case 0 -> anyOf("all", "ALL", "aLL", "updates", "UPDATES", "none", "NONE", "All ", " None", "Update",
                    "Recommended", "", "All,Updates", "0", "Alle");
            case 1 -> string(LETTERS, length(1, 3)) + string(DIGITS + " ", length(1, 3));
            default -> anyOf("All", "Updates", "None") + pick(LETTERS + DIGITS + " ");
        };
    }

    // ------------------------------------------------------------ IPv4

    int octet() {
        return switch (r.nextInt(3)) {
            case 0 -> new int[] {0, 1, 9, 10, 99, 100, 199, 200, 249, 250, 254, 255}[r.nextInt(12)];
            default -> r.nextInt(256);
        };
    }

    String ipv4() {
        return octet() + "." + octet() + "." + octet() + "." + octet();
    }

    static String ipv4(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    String badIpv4() {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            parts.add(Integer.toString(octet()));
        }
        int at = r.nextInt(4);
        switch (r.nextInt(7)) {
            case 0 -> parts.set(at, Integer.toString(256 + r.nextInt(744)));
            case 1 -> parts.set(at, "0" + parts.get(at));
            case 2 -> parts.remove(at);
            case 3 -> parts.add(at, Integer.toString(octet()));
            case 4 -> parts.set(at, "");
            case 5 -> parts.set(at, parts.get(at) + pick("a+-x:\u0661/"));
            default -> parts.set(at, Integer.toString(1000 + r.nextInt(100000)));
        }
        return String.join(".", parts);
    }

    String ipv4List() {
        int n = 1 + r.nextInt(4);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(ipv4());
        }
        return String.join(r.nextBoolean() ? "," : ", ", items);
    }

    String badIpv4List() {
        int n = 1 + r.nextInt(4);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(ipv4());
        }
        switch (r.nextInt(3)) {
            case 0 -> items.set(r.nextInt(n), badIpv4());
            case 1 -> items.add("");
            default -> items.add(0, "");
        }
        return String.join(",", items);
    }

    static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    }

    String subnetMask() {
        return ipv4(mask(length(0, 32)));
    }

    String badSubnetMask() {
        if (r.nextInt(4) == 0) {
            return badIpv4();
        }
        long v = r.nextLong() & 0xFFFFFFFFL;
        int low = r.nextInt(31);
        int high = low + 1 + r.nextInt(31 - low);
        v |= 1L << low; // a one-bit ...
        v &= ~(1L << high); // ... below a zero-bit
        return ipv4(v);
    }

    long routerAddress() {
        long v = r.nextLong() & 0xFFFFFF00L;
        return v | (r.nextBoolean() ? 1 : 254);
    }

    String badRouterAddress() {
        long v = r.nextLong() & 0xFFFFFF00L;
        int last;
        do {
            last = octet();
        } while (last == 1 || last == 254);
        return ipv4(v | last);
    }

    /** {address, mask, gateway} all valid, gateway in the subnet and not the address. */
    String[] network() {
        long gw = routerAddress();
        int prefix = 8 + r.nextInt(23); // 8..30
        long m = mask(prefix);
        long net = gw & m;
        long hosts = (1L << (32 - prefix)) - 2; // host numbers 1..hosts
        long gwHost = gw & ~m & 0xFFFFFFFFL;
        long host;
        do {
            host = 1 + (long) (r.nextDouble() * hosts);
        } while (host == gwHost || host > hosts);
        return new String[] {ipv4(net | host), ipv4(m), ipv4(gw)};
    }

    /** {address, mask, gateway} each valid, but the gateway outside the subnet or equal to the address. */
    String[] badNetwork() {
        String[] ok = network();
        if (r.nextInt(5) == 0) {
            long gw = parse(ok[2]);
            return new String[] {ipv4(gw), ok[1], ok[2]};
        }
        long m = parse(ok[1]);
        int prefix = Long.bitCount(m);
        long gw = parse(ok[2]);
        int lowest = Math.max(8, 32 - prefix);
        int bit = lowest + r.nextInt(32 - lowest);
        return new String[] {ok[0], ok[1], ipv4(gw ^ (1L << bit))};
    }

    static long parse(String ip) {
        long v = 0;
        for (String p : ip.split("\\.")) {
            v = (v << 8) | Integer.parseInt(p);
        }
        return v;
    }

    String text(int min, int max) {
        return string(LETTERS + DIGITS + OTHER, length(min, max));
    }

    String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
