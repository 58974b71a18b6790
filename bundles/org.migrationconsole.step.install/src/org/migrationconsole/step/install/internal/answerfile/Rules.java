package org.migrationconsole.step.install.internal.answerfile;

import java.util.List;
import java.util.Locale;

/** The single-value rules: pure functions, no exceptions for any input string. */
public final class Rules {

    /** Reserved account names, compared without regard to case. */
    public static final List<String> RESERVED_USER_NAMES = List.of("administrator", "guest", "krbtgt",
            "defaultaccount", "helpassistant", "support_388945a0");

    private static final String USER_NAME_FORBIDDEN = "/\\[]|<>+=;,?*";

    private Rules() {
    }

    /** Whether {@code value} obeys a single-value rule (cross-key rules are checked by the validator). */
    public static boolean accepts(Rule rule, String value) {
        if (value == null) {
            return false;
        }
        return switch (rule) {
            case REQUIRED -> !value.isBlank();
            case COMPUTER_NAME -> computerLabel(value);
            case DNS_NAME -> dnsName(value);
            case USER_NAME -> userName(value);
            case USER_NAME_RESERVED -> !RESERVED_USER_NAMES.contains(value.toLowerCase(Locale.ROOT));
            case PASSWORD -> password(value);
            case ACCEPT_EULA -> asciiIgnoreCase(value, "true");
            case BOOLEAN -> asciiIgnoreCase(value, "true") || asciiIgnoreCase(value, "false");
            case IPV4 -> ipv4(value) != null;
            case IPV4_LIST -> ipv4List(value);
            case SUBNET_MASK -> subnetMask(value);
            case GATEWAY_HOST -> gatewayHost(value);
            case SETTINGS -> value.equals("All") || value.equals("Updates") || value.equals("None");
            case COMPANY_NAME -> value.length() <= 254;
            case USER_NAME_DISTINCT, GATEWAY_IN_SUBNET -> true;
        };
    }

    /** Compares ignoring the case of ASCII letters only (so "fal\u017fe" is not "false"). */
    static boolean asciiIgnoreCase(String value, String lowerAscii) {
        if (value.length() != lowerAscii.length()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerAscii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean computerLabel(String s) {
        if (s.isEmpty() || s.length() > 15 || s.charAt(0) == '-') {
            return false;
        }
        boolean allDigits = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean digit = c >= '0' && c <= '9';
            if (!letter && !digit && c != '-') {
                return false;
            }
            allDigits &= digit;
        }
        return !allDigits;
    }

    static boolean dnsName(String s) {
        String[] labels = s.split("\\.", -1);
        for (String l : labels) {
            if (!computerLabel(l)) {
                return false;
            }
        }
        return true;
    }

    static boolean userName(String s) {
        if (s.isEmpty() || s.length() > 19 || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (USER_NAME_FORBIDDEN.indexOf(s.charAt(i)) >= 0) {
                return false;
            }
        }
        return true;
    }

    static boolean password(String s) {
        if (s.length() < 8) {
            return false;
        }
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        boolean other = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0) >= 3;
    }

    /** The address as a 32-bit number, or null when it is not a dotted-quad IPv4 address. */
    public static Long ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return null;
            }
            int n = 0;
            for (int i = 0; i < p.length(); i++) {
                char c = p.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                n = n * 10 + (c - '0');
            }
            if (n > 255) {
                return null;
            }
            v = (v << 8) | n;
        }
        return v;
    }

    static boolean ipv4List(String s) {
        for (String p : s.split(",", -1)) {
            if (ipv4(p.strip()) == null) {
                return false;
            }
        }
        return true;
    }

    static boolean subnetMask(String s) {
        Long v = ipv4(s);
        if (v == null) {
            return false;
        }
        long inverted = ~v & 0xFFFFFFFFL;
        return (inverted & (inverted + 1)) == 0;
    }

    static boolean gatewayHost(String s) {
        Long v = ipv4(s);
        if (v == null) {
            return false;
        }
        long last = v & 0xFF;
        return last == 1 || last == 254;
    }
}
