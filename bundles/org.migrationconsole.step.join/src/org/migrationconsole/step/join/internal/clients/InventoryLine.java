package org.migrationconsole.step.join.internal.clients;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One computer as one evidence line of the check {@code clients.inventory}, readable in a report
 * and read back by {@code clients list --cached}, {@code clients mark} and the Clients view:
 *
 * <pre>
 * computer WS-WIN10-01 | os Windows 10 Pro | sp - | enabled | member | last logon 2026-11-28 |
 *   password set 2026-11-10 | created 2026-01-05 | dns ws-win10-01.contoso.local 10.99.0.31 | dn CN=...
 * </pre>
 *
 * (one line). Values escape {@code \} and {@code |} with a backslash; "-" stands for an empty value.
 */
public final class InventoryLine {

    public static final String PREFIX = "computer ";
    private static final String SEP = " | ";

    private InventoryLine() {
    }

    public static String format(Computer c) {
        List<String> f = new ArrayList<>();
        f.add(PREFIX + esc(c.name()));
        f.add("os " + esc(c.os()));
        f.add("sp " + esc(c.servicePack()));
        f.add(c.enabled() ? "enabled" : "disabled");
        f.add(c.domainController() ? "domain controller" : "member");
        f.add("last logon " + day(c.lastLogon()));
        f.add("password set " + day(c.passwordSet()));
        f.add("created " + day(c.created()));
        f.add("dns " + esc(c.dnsName()) + " " + (!c.dnsKnown() ? "unknown"
                : c.addresses().isEmpty() ? "none" : String.join(",", c.addresses())));
        f.add("dn " + esc(c.dn()));
        return String.join(SEP, f);
    }

    /** The computer of an evidence line, empty for any other line. */
    public static Optional<Computer> parse(String line) {
        if (line == null || !line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        List<String> f = split(line);
        if (f.size() < 10) {
            return Optional.empty();
        }
        try {
            String name = unesc(after(f.get(0), PREFIX));
            String os = unesc(after(f.get(1), "os "));
            String sp = unesc(after(f.get(2), "sp "));
            boolean enabled = switch (f.get(3)) {
                case "enabled" -> true;
                case "disabled" -> false;
                default -> throw new IllegalArgumentException(f.get(3));
            };
            boolean dc = switch (f.get(4)) {
                case "domain controller" -> true;
                case "member" -> false;
                default -> throw new IllegalArgumentException(f.get(4));
            };
            LocalDate logon = parseDay(after(f.get(5), "last logon "));
            LocalDate pwd = parseDay(after(f.get(6), "password set "));
            LocalDate created = parseDay(after(f.get(7), "created "));
            String dns = after(f.get(8), "dns ");
            int sp2 = lastUnescapedSpace(dns);
            String dnsName = unesc(dns.substring(0, sp2));
            String addr = dns.substring(sp2 + 1);
            boolean known = !addr.equals("unknown");
            List<String> addresses = !known || addr.equals("none") ? List.of() : Arrays.asList(addr.split(","));
            String dn = unesc(after(f.get(9), "dn "));
            return Optional.of(new Computer(name, dn, os, sp, enabled, dc, logon, pwd, created, dnsName, addresses,
                    known));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Every computer among the evidence lines. */
    public static List<Computer> parseAll(List<String> evidence) {
        List<Computer> out = new ArrayList<>();
        for (String e : evidence) {
            parse(e).ifPresent(out::add);
        }
        return out;
    }

    private static String day(LocalDate d) {
        return d == null ? "never" : d.toString();
    }

    private static LocalDate parseDay(String s) {
        if (s.equals("never")) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    private static String after(String field, String prefix) {
        if (!field.startsWith(prefix)) {
            throw new IllegalArgumentException(field);
        }
        return field.substring(prefix.length());
    }

    static String esc(String v) {
        if (v == null || v.isEmpty()) {
            return "-";
        }
        String e = v.replace("\\", "\\\\").replace("|", "\\|");
        return e.equals("-") ? "\\-" : e;
    }

    static String unesc(String v) {
        if (v.equals("-")) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                sb.append(v.charAt(++i));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** Splits on " | " not preceded by an escaping backslash. */
    private static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                cur.append(c).append(line.charAt(++i));
            } else if (c == ' ' && line.startsWith(SEP, i)) {
                out.add(cur.toString());
                cur.setLength(0);
                i += SEP.length() - 1;
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static int lastUnescapedSpace(String s) {
        int idx = s.lastIndexOf(' ');
        if (idx < 0) {
            throw new IllegalArgumentException(s);
        }
        return idx;
    }
}
