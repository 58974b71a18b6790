package org.migrationconsole.step.bpa.internal.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.migrationconsole.api.check.Directory.Entry;
import org.migrationconsole.api.check.Directory.Scope;
import org.migrationconsole.api.check.ServerClock;

/** Accounts and time: stale computers, the built-in accounts, the PDC emulator's clock. */
final class AccountRules {

    /** Days without a logon after which an enabled computer account counts as stale. */
    static final int STALE_DAYS = Integer.getInteger("migrationconsole.bpa.staleDays", 90);

    private AccountRules() {
    }

    static List<BpaRule> all() {
        return List.of(
                new BpaRule("bpa.accounts.stale-computers", "Accounts", "warning",
                        "No enabled computer account is stale (no logon for " + STALE_DAYS + " days)",
                        AccountRules::staleComputers),
                new BpaRule("bpa.accounts.administrator", "Accounts", "warning",
                        "The built-in Administrator's password was changed within a year", AccountRules::administrator),
                new BpaRule("bpa.accounts.krbtgt", "Accounts", "info",
                        "The krbtgt password was changed within 180 days", AccountRules::krbtgt),
                new BpaRule("bpa.accounts.guest", "Accounts", "warning",
                        "The Guest account is disabled", AccountRules::guest),
                new BpaRule("bpa.time.pdc-clock", "Time", "warning",
                        "The PDC emulator's clock agrees with this machine's", AccountRules::pdcClock));
    }

    static Verdict staleComputers(Target t) throws Exception {
        Instant limit = t.now().minus(Duration.ofDays(STALE_DAYS));
        List<String> problems = new ArrayList<>();
        List<String> evidence = new ArrayList<>();
        int counted = 0;
        for (Entry c : t.dir().search(t.domainNc(), Scope.SUBTREE,
                "(&(objectCategory=computer)(!(userAccountControl:1.2.840.113556.1.4.803:=2))"
                        + "(!(userAccountControl:1.2.840.113556.1.4.803:=8192)))",
                "cn", "lastLogonTimestamp", "whenCreated", "operatingSystem")) {
            counted++;
            Instant last = Target.fileTime(c.first("lastLogonTimestamp"));
            Instant created = generalized(c.first("whenCreated"));
            Instant seen = last != null ? last : created;
            evidence.add(c.first("cn") + ": last logon " + (last == null ? "never" : last) + ", created "
                    + created);
            if (seen != null && seen.isBefore(limit)) {
                long days = Duration.between(seen, t.now()).toDays();
                problems.add(c.first("cn") + " (" + c.first("operatingSystem") + "): " + (last == null
                        ? "never logged on, created " + days + " days ago" : "no logon for " + days + " days"));
            }
        }
        evidence.add(0, counted + " enabled computer account(s) other than domain controllers (disabled ones are not"
                + " judged); stale after " + STALE_DAYS + " days without a logon, before " + limit);
        return Verdict.judge(problems, evidence, counted + " enabled computer account(s), none stale",
                "{n} enabled computer account(s) without a logon for " + STALE_DAYS + " days",
                "Disable the stale accounts (and delete them after a while) once you know the computers are gone;"
                        + " 'lastLogonTimestamp' replicates, so it is accurate to about two weeks.");
    }

    static Instant generalized(String v) {
        if (v == null || v.length() < 14) {
            return null;
        }
        try {
            return java.time.LocalDateTime.parse(v.substring(0, 14),
                    java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")).toInstant(java.time.ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The account with the domain SID and RID, found by its well-known name and checked by RID. */
    private static Entry builtin(Target t, String name) throws Exception {
        List<Entry> e = t.dir().search(t.domainNc(), Scope.SUBTREE, "(&(objectCategory=person)(sAMAccountName="
                + name + "))", "sAMAccountName", "userAccountControl", "pwdLastSet", "lastLogonTimestamp");
        return e.isEmpty() ? null : e.get(0);
    }

    static Verdict administrator(Target t) throws Exception {
        // the RID-500 account; its name is Administrator unless renamed (then the search finds nothing)
        Entry a = builtin(t, "Administrator");
        if (a == null) {
            return Verdict.pass("No account is named Administrator (the built-in one has been renamed)", List.of(
                    "(sAMAccountName=Administrator): no entry"));
        }
        long uac = Target.number(a.first("userAccountControl"), 0);
        Instant pwd = Target.fileTime(a.first("pwdLastSet"));
        List<String> evidence = List.of(a.dn() + " userAccountControl: " + uac + (((uac & 2) != 0) ? " (disabled)"
                : " (enabled)") + (((uac & 0x10000) != 0) ? ", password never expires" : ""),
                "pwdLastSet: " + (pwd == null ? "never" : pwd), "lastLogonTimestamp: "
                        + Target.fileTime(a.first("lastLogonTimestamp")));
        if ((uac & 2) != 0) {
            return Verdict.pass("The built-in Administrator is disabled", evidence);
        }
        if (pwd == null || pwd.isBefore(t.now().minus(Duration.ofDays(365)))) {
            return Verdict.fail("The built-in Administrator is enabled and its password is "
                    + (pwd == null ? "unset" : Duration.between(pwd, t.now()).toDays() + " days old")
                    + ": everyone who ever ran the old SBS may know it", evidence,
                    "Change the built-in Administrator's password now (a long one, kept in a safe), or disable the"
                            + " account once the migration is done and another administrator works.");
        }
        return Verdict.pass("The built-in Administrator's password was set " + Duration.between(pwd, t.now())
                .toDays() + " days ago", evidence);
    }

    static Verdict krbtgt(Target t) throws Exception {
        Entry k = builtin(t, "krbtgt");
        if (k == null) {
            return Verdict.fail("No krbtgt account found", List.of(), "The domain is damaged: see dcdiag.");
        }
        Instant pwd = Target.fileTime(k.first("pwdLastSet"));
        List<String> evidence = List.of(k.dn() + " pwdLastSet: " + pwd);
        if (pwd == null || pwd.isBefore(t.now().minus(Duration.ofDays(180)))) {
            return Verdict.fail("The krbtgt password is " + (pwd == null ? "unset" : Duration.between(pwd, t.now())
                    .toDays() + " days old") + ": a Kerberos ticket forged with an old key still works", evidence,
                    "Reset the krbtgt password twice, a replication interval apart (Microsoft's New-KrbtgtKeys.ps1),"
                            + " once the old server is gone.");
        }
        return Verdict.pass("The krbtgt password was set " + Duration.between(pwd, t.now()).toDays() + " days ago",
                evidence);
    }

    static Verdict guest(Target t) throws Exception {
        Entry g = builtin(t, "Guest");
        if (g == null) {
            return Verdict.pass("No account is named Guest", List.of("(sAMAccountName=Guest): no entry"));
        }
        long uac = Target.number(g.first("userAccountControl"), 0);
        List<String> evidence = List.of(g.dn() + " userAccountControl: " + uac);
        return (uac & 2) != 0 ? Verdict.pass("Guest is disabled", evidence)
                : Verdict.fail("Guest is enabled: anyone can use the network without a password", evidence,
                        "Disable the Guest account (Active Directory Users and Computers).");
    }

    static Verdict pdcClock(Target t) throws Exception {
        Entry head = t.entry(t.domainNc(), "fSMORoleOwner");
        String owner = head == null ? null : head.first("fSMORoleOwner");
        Target.Dc pdc = null;
        for (Target.Dc d : t.dcs()) {
            if (owner != null && d.ntdsDn().equalsIgnoreCase(owner)) {
                pdc = d;
            }
        }
        if (pdc == null || pdc.host() == null) {
            return Verdict.skipped("The PDC emulator is not a current domain controller (see bpa.fsmo.holders)",
                    List.of("fSMORoleOwner: " + owner));
        }
        String where = Target.sameHost(pdc.host(), t.destination()) && t.destinationAddress() != null
                ? t.destinationAddress() : pdc.host();
        Optional<ServerClock> clock = t.context().serverClock(where);
        List<String> evidence = new ArrayList<>(List.of("PDC emulator: " + pdc.host(), "the time source setting"
                + " (w32time type NT5DS/NTP and its peers) is in the registry, which LDAP, DNS and SMB do not show;"
                + " its effect, the clock, is compared here"));
        if (clock.isEmpty()) {
            return Verdict.skipped(pdc.host() + " did not tell its time over SMB", evidence);
        }
        Duration skew = Duration.between(clock.get().readAt(), clock.get().time()).abs();
        evidence.add(pdc.host() + " time (SMB negotiation from " + where + "): " + clock.get().time()
                + "; this machine then: " + clock.get().readAt() + "; difference " + skew.toSeconds() + " s");
        if (skew.compareTo(Duration.ofMinutes(2)) > 0) {
            return Verdict.fail("The PDC emulator's clock is " + skew.toSeconds() + " s off this machine's: the domain"
                    + " time source is probably not set (Kerberos fails beyond 5 minutes)", evidence,
                    "On the PDC emulator: w32tm /config /manualpeerlist:\"pool.ntp.org,0x8\" /syncfromflags:manual"
                            + " /reliable:yes /update, then w32tm /resync; check with w32tm /query /status.");
        }
        return Verdict.pass("The PDC emulator's clock is within " + skew.toSeconds() + " s of this machine's",
                evidence);
    }
}
