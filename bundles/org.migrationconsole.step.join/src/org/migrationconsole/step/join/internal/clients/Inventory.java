package org.migrationconsole.step.join.internal.clients;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.Directory;
import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;

/** Reads the computer accounts of the source domain, and their A records, through a check's connections. */
public final class Inventory {

    static final int ACCOUNTDISABLE = 0x2;
    static final int SERVER_TRUST_ACCOUNT = 0x2000;
    /** 100-ns intervals between 1601-01-01 and 1970-01-01. */
    private static final long FILETIME_EPOCH = 116444736000000000L;
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT);

    private Inventory() {
    }

    /** Every computer account of the domain, by name, with its A records when {@code dns}. */
    public static List<Computer> read(CheckContext ctx, boolean dns) throws Exception {
        Directory dir = ctx.directory();
        String domain = ctx.profile().domain();
        List<Computer> out = new ArrayList<>();
        for (Entry e : dir.search(dir.defaultNamingContext(), Scope.SUBTREE, "(objectCategory=computer)", "cn",
                "operatingSystem", "operatingSystemServicePack", "userAccountControl", "primaryGroupID",
                "lastLogonTimestamp", "pwdLastSet", "whenCreated", "dNSHostName")) {
            if (ctx.isCanceled()) {
                throw new InterruptedException("canceled");
            }
            String name = e.first("cn") != null ? e.first("cn") : rdn(e.dn());
            int uac = intValue(e.first("userAccountControl"));
            boolean dc = (uac & SERVER_TRUST_ACCOUNT) != 0 || "516".equals(e.first("primaryGroupID"));
            String dnsName = e.first("dNSHostName") != null ? e.first("dNSHostName")
                    : name.toLowerCase(Locale.ROOT) + "." + domain;
            List<String> addresses = List.of();
            boolean known = dns;
            if (dns) {
                try {
                    addresses = ctx.dns().addresses(dnsName);
                } catch (Exception x) {
                    known = false;
                }
            }
            out.add(new Computer(name, e.dn(), e.first("operatingSystem"), e.first("operatingSystemServicePack"),
                    (uac & ACCOUNTDISABLE) == 0, dc, fileTimeDay(e.first("lastLogonTimestamp")),
                    fileTimeDay(e.first("pwdLastSet")), generalizedDay(e.first("whenCreated")), dnsName, addresses,
                    known));
        }
        out.sort(Comparator.comparing(Computer::name, String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    static int intValue(String v) {
        try {
            return v == null ? 0 : (int) Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A Windows FILETIME (100 ns since 1601) as a UTC day; 0 and the largest value mean never. */
    static LocalDate fileTimeDay(String v) {
        if (v == null) {
            return null;
        }
        try {
            long t = Long.parseLong(v.strip());
            if (t <= 0 || t == Long.MAX_VALUE) {
                return null;
            }
            long micros = (t - FILETIME_EPOCH) / 10;
            return Instant.EPOCH.plusNanos(0).plusSeconds(micros / 1_000_000).atZone(ZoneOffset.UTC).toLocalDate();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An LDAP GeneralizedTime ({@code 20261124141002.0Z}) as a UTC day. */
    static LocalDate generalizedDay(String v) {
        if (v == null || v.length() < 14) {
            return null;
        }
        try {
            return java.time.LocalDateTime.parse(v.substring(0, 14), GENERALIZED).toLocalDate();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String rdn(String dn) {
        int eq = dn.indexOf('=');
        int comma = dn.indexOf(',');
        return eq < 0 ? dn : dn.substring(eq + 1, comma < 0 ? dn.length() : comma);
    }
}
