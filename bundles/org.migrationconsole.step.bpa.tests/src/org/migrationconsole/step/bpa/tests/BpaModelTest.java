package org.migrationconsole.step.bpa.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.migrationconsole.step.bpa.internal.imports.CsvResultFormat;
import org.migrationconsole.step.bpa.internal.imports.MicrosoftBpaImport;
import org.migrationconsole.step.bpa.internal.rules.BpaRule;
import org.migrationconsole.step.bpa.internal.rules.Finding;
import org.migrationconsole.step.bpa.internal.rules.Rules;
import org.migrationconsole.step.bpa.internal.rules.Target;
import org.migrationconsole.step.bpa.internal.store.BpaDiff;
import org.migrationconsole.step.bpa.internal.store.BpaRun;
import org.migrationconsole.step.bpa.internal.store.BpaStore;

/**
 * The analyzer's pure parts: the rule catalog, the run store in a real folder, the diff and the
 * import of an exported Microsoft BPA result. The rules themselves run against the lab
 * (releng/lab/bpa-lab-test.sh).
 */
class BpaModelTest {

    @TempDir
    Path dir;

    @Test
    void theCatalogHasAtLeast25RulesWithUniqueIdsAndEveryCategory() {
        List<BpaRule> rules = Rules.all();
        assertTrue(rules.size() >= 25, rules.size() + " rules");
        Set<String> ids = new HashSet<>();
        Set<String> categories = new HashSet<>();
        for (BpaRule r : rules) {
            assertTrue(ids.add(r.id()), "duplicate " + r.id());
            assertTrue(r.id().matches("bpa\\.[a-z0-9.-]+"), r.id());
            assertFalse(r.title().isBlank(), r.id());
            categories.add(r.category());
        }
        assertEquals(Set.of("Directory", "DNS", "SYSVOL", "Old server", "Accounts", "Time"), categories);
        assertThrows(IllegalArgumentException.class, () -> new BpaRule("x.y", "DNS", "error", "t", t -> null));
        assertThrows(IllegalArgumentException.class, () -> new BpaRule("bpa.x", "DNS", "fatal", "t", t -> null));
    }

    @Test
    void aRuleThatCannotReadIsAnErrorFindingWithARemedy() {
        BpaRule r = new BpaRule("bpa.test.broken", "DNS", "warning", "broken", t -> {
            throw new java.io.IOException("connection reset");
        });
        Finding f = r.evaluate(null);
        assertEquals("error", f.status());
        assertTrue(f.message().contains("IOException: connection reset"), f.message());
        assertTrue(f.open() && !f.remedy().isEmpty());
    }

    @Test
    void fileTimesAndHostNames() {
        assertEquals(Instant.parse("2026-12-01T04:36:10.363636Z"), Target.fileTime("134405733703636360"));
        assertNull(Target.fileTime("0"));
        assertNull(Target.fileTime("9223372036854775807"));
        assertNull(Target.fileTime(null));
        assertTrue(Target.sameHost("NEWDC.contoso.local.", "newdc"));
        assertTrue(Target.sameHost("newdc", "newdc.contoso.local"));
        assertFalse(Target.sameHost("newdc2.contoso.local", "newdc.contoso.local"));
        assertFalse(Target.sameHost(null, "newdc"));
    }

    private static Finding f(String id, String status) {
        return new Finding(id, id, "DNS", "warning", status, id + " " + status, List.of("read " + id),
                status.equals("pass") || status.equals("skipped") ? "" : "fix " + id);
    }

    private static BpaRun run(String at, Finding... findings) {
        Instant t = Instant.parse(at);
        return new BpaRun(BpaRun.idOf(t), t, "console", "newdc.contoso.local", "newdc.contoso.local (10.99.0.11)",
                false, List.of(findings));
    }

    @Test
    void theStoreKeepsEveryRunOwnerOnlyAndFindsThemByIdNumberAndName() throws Exception {
        BpaStore store = new BpaStore(dir);
        BpaRun a = run("2026-12-01T04:00:00Z", f("bpa.a", "pass"), f("bpa.b", "fail"));
        BpaRun b = run("2026-12-01T05:00:00Z", f("bpa.a", "fail"), f("bpa.b", "pass"), f("bpa.c", "error"));
        store.save(b);
        store.save(a);
        assertEquals(List.of(a, b), store.runs());
        for (Path p : List.of(store.folder().resolve(a.id() + ".json"), store.folder().resolve(b.id() + ".json"))) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        }
        assertEquals(a, store.find("1").orElseThrow());
        assertEquals(b, store.find("latest").orElseThrow());
        assertEquals(a, store.find("previous").orElseThrow());
        assertEquals(b, store.find(b.id()).orElseThrow());
        assertTrue(store.find("3").isEmpty() && store.find("0").isEmpty() && store.find("nope").isEmpty());

        // a damaged file is named and left out; the others are still read
        Files.writeString(store.folder().resolve("2026-12-01T06-00-00Z.json"), "{\"id\": 1", StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        assertEquals(List.of(a, b), store.runs(problems));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("2026-12-01T06-00-00Z.json"), problems.get(0));
    }

    @Test
    void theDiffSaysWhatIsNewResolvedAndStillOpen() {
        BpaRun a = run("2026-12-01T04:00:00Z", f("bpa.a", "pass"), f("bpa.b", "fail"), f("bpa.c", "fail"),
                f("bpa.d", "error"));
        BpaRun b = run("2026-12-01T05:00:00Z", f("bpa.a", "fail"), f("bpa.b", "pass"), f("bpa.c", "fail"),
                f("bpa.e", "skipped"));
        BpaDiff d = BpaDiff.of(a, b);
        assertEquals(List.of("bpa.a"), d.added().stream().map(Finding::ruleId).toList());
        assertEquals(List.of("bpa.b", "bpa.d"), d.resolved().stream().map(Finding::ruleId).toList());
        assertEquals(List.of("bpa.c"), d.stillOpen().stream().map(Finding::ruleId).toList());
        assertEquals("pass: bpa.b pass", d.nowOf(d.resolved().get(0)));
        assertEquals("not in this run", d.nowOf(d.resolved().get(1)));
        BpaDiff same = BpaDiff.of(b, b);
        assertTrue(same.added().isEmpty() && same.resolved().isEmpty());
    }

    @Test
    void anExportedBpaResultIsImportedAsARunAndBadOnesAreRefusedNamingTheLine() throws Exception {
        String csv = "#TYPE Microsoft.BestPractices.CoreInterface.Result\r\n"
                + "\"ResultNumber\",\"ModelId\",\"RuleId\",\"ComputerName\",\"Severity\",\"Category\",\"Title\","
                + "\"Problem\",\"Impact\",\"Resolution\",\"Compliance\"\r\n"
                + "\"1\",\"Microsoft/Windows/DirectoryServices\",\"5\",\"NEWDC\",\"Warning\",\"Configuration\","
                + "\"The PDC emulator should sync time\",\"The PDC emulator, \"\"NEWDC\"\", syncs from its own clock\","
                + "\"Time may drift\",\"Configure an NTP source\",\"\"\r\n"
                + "\"2\",\"Microsoft/Windows/DirectoryServices\",\"7\",\"NEWDC\",\"Information\",\"Security\","
                + "\"SYSVOL is shared\",\"\",\"\",\"\",\"The server is compliant\"\r\n";
        Path file = dir.resolve("bpa.csv");
        Files.write(file, csv.getBytes(StandardCharsets.UTF_8));
        BpaRun r = MicrosoftBpaImport.standard().read(file, "newdc.contoso.local");
        assertEquals("import", r.origin());
        assertEquals(2, r.findings().size());
        Finding w = r.findings().get(0);
        assertEquals("ms.5", w.ruleId());
        assertEquals("warning", w.severity());
        assertEquals("fail", w.status());
        assertEquals("The PDC emulator, \"NEWDC\", syncs from its own clock", w.message());
        assertEquals("Configure an NTP source", w.remedy());
        assertTrue(w.evidence().contains("computername: NEWDC"), w.evidence().toString());
        assertEquals("pass", r.findings().get(1).status());
        assertEquals("The server is compliant", r.findings().get(1).message());

        // UTF-16LE with a byte-order mark (what PowerShell 5 writes with -Encoding Unicode)
        byte[] le = csv.getBytes(StandardCharsets.UTF_16LE);
        byte[] bom = new byte[le.length + 2];
        bom[0] = (byte) 0xFF;
        bom[1] = (byte) 0xFE;
        System.arraycopy(le, 0, bom, 2, le.length);
        Files.write(file, bom);
        assertEquals(2, MicrosoftBpaImport.standard().read(file, "x").findings().size());

        Files.writeString(file, "Severity,Title\r\nFatal,x\r\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MicrosoftBpaImport.standard().read(file, "x"));
        assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("Fatal"), e.getMessage());
        Files.writeString(file, "<xml/>");
        e = assertThrows(IllegalArgumentException.class, () -> MicrosoftBpaImport.standard().read(file, "x"));
        assertTrue(e.getMessage().contains("no format"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CsvResultFormat().parse("Severity,Title\n\"open"));
    }
}
