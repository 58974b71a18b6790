package org.migrationconsole.step.install.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.migrationconsole.step.install.internal.answerfile.AnswerFile;
import org.migrationconsole.step.install.internal.answerfile.AnswerFileValidator;
import org.migrationconsole.step.install.internal.answerfile.KeyCatalog;
import org.migrationconsole.step.install.internal.answerfile.Rule;
import org.migrationconsole.step.install.internal.answerfile.Rules;
import org.migrationconsole.step.install.internal.answerfile.Violation;

/**
 * For every rule: {@value #PER_KIND} valid and {@value #PER_KIND} invalid values built by
 * construction ({@link Gen}). Each value is checked on its own ({@link Rules#accepts}) and inside
 * an otherwise valid answer file: a valid value gives no violation at all, an invalid one exactly
 * one violation, naming its key and the rule. The file is never changed by validation.
 */
class RuleCorpusTest {

    static final int PER_KIND = 10_000;
    static final long SEED = Long.getLong("corpus.seed", 20261124L);
    static final String I = AnswerFileValidator.INITIAL;
    static final String P = AnswerFileValidator.POST;

    static final Map<Rule, int[]> COUNTS = new EnumMap<>(Rule.class);
    static long nanos;

    final KeyCatalog catalog = KeyCatalog.load();
    final AnswerFileValidator validator = new AnswerFileValidator(catalog);
    final Gen g = new Gen(SEED);

    static AnswerFile base() {
        AnswerFile f = new AnswerFile();
        f.set(I, "AcceptEula", "true");
        f.set(I, "ServerName", "DEST01");
        f.set(I, "NetbiosName", "CONTOSO");
        f.set(I, "DNSName", "contoso.local");
        f.set(I, "UserName", "mig.admin");
        f.set(I, "PlainTextPassword", "Corpus-Test-1");
        f.set(I, "Settings", "All");
        f.set(P, "StaticIPv4Address", "192.168.1.10");
        f.set(P, "StaticIPv4SubnetMask", "255.255.255.0");
        f.set(P, "StaticIPv4Gateway", "192.168.1.1");
        return f;
    }

    static AnswerFile baseWithoutNetwork() {
        AnswerFile f = base();
        f.remove(P, "StaticIPv4Address");
        f.remove(P, "StaticIPv4SubnetMask");
        f.remove(P, "StaticIPv4Gateway");
        return f;
    }

    @Test
    void theBaseFileIsValid() {
        assertEquals(List.of(), validator.validate(base()));
        assertEquals(List.of(), validator.validate(baseWithoutNetwork()));
    }

    void corpus(Rule rule, String section, String key, Supplier<AnswerFile> baseFile, Supplier<String> valid,
            Supplier<String> invalid) {
        long t0 = System.nanoTime();
        int[] n = COUNTS.computeIfAbsent(rule, x -> new int[2]);
        for (int i = 0; i < PER_KIND; i++) {
            String v = valid.get();
            if (!Rules.accepts(rule, v)) {
                fail(rule.id() + " rejected the valid value \"" + v + "\"");
            }
            AnswerFile f = baseFile.get();
            f.set(section, key, v);
            String before = f.text();
            List<Violation> got = validator.validate(f);
            if (!got.isEmpty()) {
                fail(key + "=\"" + v + "\" should be valid, got " + got);
            }
            assertEquals(before, f.text(), "validation changed the file");
            n[0]++;
        }
        for (int i = 0; i < PER_KIND; i++) {
            String v = invalid.get();
            if (Rules.accepts(rule, v)) {
                fail(rule.id() + " accepted the invalid value \"" + v + "\"");
            }
            n[1]++;
            if (v.isEmpty()) {
                continue; // an empty value means "not given": the required rule's business
            }
            AnswerFile f = baseFile.get();
            f.set(section, key, v);
            String before = f.text();
            List<Violation> got = validator.validate(f);
            if (!got.equals(List.of(new Violation(section, key, rule)))) {
                fail(key + "=\"" + v + "\" should break exactly " + rule.id() + ", got " + got);
            }
            assertEquals(before, f.text(), "validation changed the file");
        }
        nanos += System.nanoTime() - t0;
    }

    @Test
    void computerName() {
        corpus(Rule.COMPUTER_NAME, I, "ServerName", RuleCorpusTest::base, g::label, () -> g.badLabel(true));
    }

    @Test
    void netbiosName() {
        corpus(Rule.COMPUTER_NAME, I, "NetbiosName", RuleCorpusTest::base, g::label, () -> g.badLabel(true));
    }

    @Test
    void dnsName() {
        corpus(Rule.DNS_NAME, I, "DNSName", RuleCorpusTest::base, () -> {
            String d;
            do {
                d = g.dnsName();
            } while (d.split("\\.")[0].equalsIgnoreCase("mig.admin"));
            return d;
        }, g::badDnsName);
    }

    @Test
    void userName() {
        corpus(Rule.USER_NAME, I, "UserName", RuleCorpusTest::base, () -> {
            String u;
            do {
                u = g.userName();
            } while (g.reservedOrEqual(u, "DEST01", "CONTOSO", "contoso", "contoso.local"));
            return u;
        }, g::badUserName);
    }

    @Test
    void userNameReserved() {
        corpus(Rule.USER_NAME_RESERVED, I, "UserName", RuleCorpusTest::base, () -> {
            String u;
            do {
                u = g.userName();
            } while (g.reservedOrEqual(u, "DEST01", "CONTOSO", "contoso", "contoso.local"));
            return u;
        }, () -> g.randomCase(g.anyOf(Gen.RESERVED.toArray(String[]::new))));
    }

    @Test
    void userNameDistinct() {
        // the single-value check cannot see other keys: it accepts; the file-level check must name the rule
        String[] names = new String[3];
        int[] counts = COUNTS.computeIfAbsent(Rule.USER_NAME_DISTINCT, x -> new int[2]);
        long t0 = System.nanoTime();
        for (int i = 0; i < 2 * PER_KIND; i++) {
            do {
                names[0] = g.label();
                names[1] = g.label();
                names[2] = g.dnsName();
            } while (g.reservedOrEqual(names[0]) || g.reservedOrEqual(names[1])
                    || g.reservedOrEqual(names[2].split("\\.")[0]));
            AnswerFile f = base();
            f.set(I, "ServerName", names[0]);
            f.set(I, "NetbiosName", names[1]);
            f.set(I, "DNSName", names[2]);
            boolean bad = i % 2 == 1;
            String user;
            if (bad) {
                String target = switch (g.r.nextInt(4)) {
                    case 0 -> names[0];
                    case 1 -> names[1];
                    case 2 -> names[2].split("\\.")[0];
                    default -> names[2].length() <= 19 ? names[2] : names[0];
                };
                user = g.randomCase(target);
            } else {
                do {
                    user = g.userName();
                } while (g.reservedOrEqual(user, names[0], names[1], names[2], names[2].split("\\.")[0]));
            }
            f.set(I, "UserName", user);
            List<Violation> got = validator.validate(f);
            List<Violation> want = bad ? List.of(new Violation(I, "UserName", Rule.USER_NAME_DISTINCT)) : List.of();
            if (!got.equals(want)) {
                fail("UserName=\"" + user + "\" with " + String.join(", ", names) + ": want " + want + ", got " + got);
            }
            counts[bad ? 1 : 0]++;
        }
        nanos += System.nanoTime() - t0;
    }

    @Test
    void password() {
        corpus(Rule.PASSWORD, I, "PlainTextPassword", RuleCorpusTest::base, g::password, g::badPassword);
    }

    @Test
    void acceptEula() {
        corpus(Rule.ACCEPT_EULA, I, "AcceptEula", RuleCorpusTest::base, () -> g.randomCase("true"), g::notTrue);
    }

    @Test
    void booleans() {
        corpus(Rule.BOOLEAN, I, "EnableVPN", RuleCorpusTest::base, () -> g.randomCase(g.anyOf("true", "false")),
                g::notTrueOrFalse);
    }

    @Test
    void ipv4() {
        corpus(Rule.IPV4, I, "VpnIPv4StartAddress", RuleCorpusTest::base, g::ipv4, g::badIpv4);
    }

    @Test
    void ipv4List() {
        corpus(Rule.IPV4_LIST, I, "IPv4DNSForwarder", RuleCorpusTest::base, g::ipv4List, g::badIpv4List);
    }

    @Test
    void subnetMask() {
        corpus(Rule.SUBNET_MASK, P, "StaticIPv4SubnetMask", RuleCorpusTest::baseWithoutNetwork, g::subnetMask,
                g::badSubnetMask);
    }

    @Test
    void gatewayHost() {
        corpus(Rule.GATEWAY_HOST, P, "StaticIPv4Gateway", RuleCorpusTest::baseWithoutNetwork,
                () -> Gen.ipv4(g.routerAddress()), g::badRouterAddress);
    }

    @Test
    void gatewayInSubnet() {
        int[] counts = COUNTS.computeIfAbsent(Rule.GATEWAY_IN_SUBNET, x -> new int[2]);
        long t0 = System.nanoTime();
        for (int i = 0; i < 2 * PER_KIND; i++) {
            boolean bad = i % 2 == 1;
            String[] n = bad ? g.badNetwork() : g.network();
            AnswerFile f = base();
            f.set(P, "StaticIPv4Address", n[0]);
            f.set(P, "StaticIPv4SubnetMask", n[1]);
            f.set(P, "StaticIPv4Gateway", n[2]);
            List<Violation> got = validator.validate(f);
            List<Violation> want = bad ? List.of(new Violation(P, "StaticIPv4Gateway", Rule.GATEWAY_IN_SUBNET))
                    : List.of();
            if (!got.equals(want)) {
                fail(String.join(" / ", n) + ": want " + want + ", got " + got);
            }
            counts[bad ? 1 : 0]++;
        }
        nanos += System.nanoTime() - t0;
    }

    @Test
    void settings() {
        corpus(Rule.SETTINGS, I, "Settings", RuleCorpusTest::base, () -> g.anyOf("All", "Updates", "None"),
                g::notSettings);
    }

    @Test
    void companyName() {
        corpus(Rule.COMPANY_NAME, I, "CompanyName", RuleCorpusTest::base, () -> g.text(0, 254).strip(),
                () -> g.pick(Gen.LETTERS) + g.text(254, 1000) + g.pick(Gen.LETTERS));
    }

    @Test
    void required() {
        int[] counts = COUNTS.computeIfAbsent(Rule.REQUIRED, x -> new int[2]);
        long t0 = System.nanoTime();
        List<String> requiredKeys = catalog.keys().stream().filter(k -> k.required()).map(k -> k.key()).toList();
        assertTrue(requiredKeys.containsAll(List.of("AcceptEula", "ServerName", "NetbiosName", "DNSName", "UserName",
                "PlainTextPassword")), requiredKeys.toString());
        for (int i = 0; i < PER_KIND; i++) {
            String v = g.text(1, 40);
            if (v.isBlank()) {
                v = "x" + v;
            }
            assertTrue(Rules.accepts(Rule.REQUIRED, v), v);
            counts[0]++;
            String blank = g.string(" \t\u2003", g.length(0, 5));
            assertTrue(!Rules.accepts(Rule.REQUIRED, blank));
            String key = requiredKeys.get(g.r.nextInt(requiredKeys.size()));
            AnswerFile f = base();
            if (g.r.nextBoolean()) {
                f.remove(I, key);
            } else {
                f.set(I, key, "");
            }
            assertEquals(List.of(new Violation(I, key, Rule.REQUIRED)), validator.validate(f));
            counts[1]++;
        }
        nanos += System.nanoTime() - t0;
    }

    @AfterAll
    static void report() {
        StringBuilder b = new StringBuilder("Rule corpus (seed " + SEED + "), valid/invalid per rule:");
        COUNTS.forEach((r, c) -> b.append("\n  ").append(String.format("%-20s %6d %6d", r.id(), c[0], c[1])));
        b.append(String.format("%n  total %d values in %d ms", COUNTS.values().stream().mapToInt(c -> c[0] + c[1])
                .sum(), nanos / 1_000_000));
        System.out.println(b);
    }
}
