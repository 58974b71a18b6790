package org.migrationconsole.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.migrationconsole.product.tests.Product.Result;

/**
 * End to end: the example partner step is installed from its own p2 repository into a copy of
 * the materialized product with the headless commands, takes part in the state service across
 * restarts, is uninstalled, and the workspace keeps its records as tasks "provided by a missing
 * plug-in". A standard step's feature is uninstalled on its own too.
 */
class PartnerStepTest {

    private static final String FEATURE = "org.example.step.companyweb.feature";

    private static Path product;
    private static Path ws;
    private static String repository;
    private static Map<String, String> env;

    @BeforeAll
    static void copyProduct() throws Exception {
        Path base = Product.newWorkspace("partner");
        product = base.resolve("migration-console");
        Result cp = Product.run(List.of("cp", "-a", Product.dir().toString(), product.toString()), Map.of());
        assertEquals(0, cp.exit(), cp.toString());
        ws = base.resolve("workspace");
        Path repo = Path.of(System.getProperty("partner.repo", "")).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(repo.resolve("content.jar")) || Files.isRegularFile(repo.resolve(
                "content.xml.xz")), "no partner repository at " + repo);
        repository = repo.toUri().toString();
        // a class-data sharing cache of its own, so the copy does not rewrite the shared one
        env = Map.of("XDG_CACHE_HOME", base.resolve("cache").toString());
    }

    private static String bundlesInfo() throws Exception {
        return Files.readString(product.resolve(
                "configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"));
    }

    private static Result cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(product.resolve("migration-console").toString(), "--headless",
                "--workspace", ws.toString()));
        cmd.addAll(List.of(args));
        return Product.run(cmd, env);
    }

    private static Result ok(String... args) throws Exception {
        Result r = cli(args);
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    private static JsonObject status() throws Exception {
        return JsonParser.parseString(ok("status", "--json").out()).getAsJsonObject();
    }

    private static List<String> ids(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsJsonObject().get("id").getAsString()));
        return out;
    }

    private static JsonObject task(JsonObject status, String id) {
        for (JsonElement s : status.getAsJsonArray("steps")) {
            for (JsonElement t : s.getAsJsonObject().getAsJsonArray("tasks")) {
                if (t.getAsJsonObject().get("id").getAsString().equals(id)) {
                    return t.getAsJsonObject();
                }
            }
        }
        throw new AssertionError("no task " + id + " in " + status);
    }

    /** The partner's check, artifact and command line subcommand are all there, or all gone. */
    private static void assertPartnerContributions(boolean there) throws Exception {
        String checks = ok("check", "--list", "--json").out();
        assertEquals(there, checks.contains("\"companyweb.traces\""), checks);
        assertTrue(checks.contains("\"domain.mybusiness-ou\""), checks);
        String artifacts = ok("artifact", "list", "--json").out();
        assertEquals(there, artifacts.contains("\"companyweb.inventory\""), artifacts);
        assertTrue(artifacts.contains("\"install.answer-file\""), artifacts);
        Result command = cli("companyweb", "stsadm", "--site", "http://companyweb.contoso.local");
        if (there) {
            assertEquals(0, command.exit(), command.toString());
            assertTrue(command.out().contains("-o enumsites -url http://companyweb.contoso.local"), command.out());
            assertTrue(ok("help").out().contains("companyweb stsadm"));
        } else {
            assertEquals(2, command.exit(), command.toString());
            assertTrue(command.err().contains("unknown command 'companyweb'"), command.err());
            assertFalse(ok("help").out().contains("companyweb"));
        }
    }

    @Test
    void installUseUninstallThePartnerStepAndKeepItsRecords() throws Exception {
        List<String> standard = List.of("prepare", "install", "join", "move", "redirect", "demote", "post", "bpa");
        assertEquals(standard, ids(status().getAsJsonArray("steps")));
        assertPartnerContributions(false);

        // install from the partner's own repository; takes effect after a restart
        Result install = ok("install", "--repository", repository, "--step", "companyweb");
        assertTrue(install.out().contains("Installed " + FEATURE) && install.out().contains("Restart"),
                install.toString());
        assertTrue(bundlesInfo().contains("org.example.step.companyweb,"));
        assertEquals(2, cli("install", "--repository", repository, "--step", "nosuchstep").exit());

        // restart: the step is in its place (order 150: after prepare, before install)
        JsonObject st = status();
        List<String> withPartner = new ArrayList<>(standard);
        withPartner.add(1, "companyweb");
        assertEquals(withPartner, ids(st.getAsJsonArray("steps")));
        JsonObject cw = st.getAsJsonArray("steps").get(1).getAsJsonObject();
        assertEquals("org.example.step.companyweb", cw.get("bundle").getAsString());
        assertEquals(150, cw.get("order").getAsInt());
        JsonObject inventory = task(st, "companyweb.inventory");
        assertEquals("blocked", inventory.get("state").getAsString());
        assertTrue(inventory.getAsJsonArray("blockedReasons").toString().contains("prepare.backup"), st.toString());

        JsonArray steps = JsonParser.parseString(ok("steps", "--json").out()).getAsJsonArray();
        assertEquals(withPartner, ids(steps));
        JsonObject cws = steps.get(1).getAsJsonObject();
        assertEquals(FEATURE, cws.get("feature").getAsString());
        assertTrue(cws.get("bundleVersion").getAsString().startsWith("1.0.0."), cws.toString());
        assertEquals("org.migrationconsole.step.prepare.feature", steps.get(0).getAsJsonObject().get("feature")
                .getAsString());

        // its check, its artifact and its command are there
        assertPartnerContributions(true);
        Path plugin;
        try (var files = Files.list(product.resolve("plugins"))) {
            plugin = files.filter(f -> f.getFileName().toString().startsWith("org.example.step.companyweb_"))
                    .findFirst().orElseThrow();
        }
        try (var jar = new java.util.zip.ZipFile(plugin.toFile())) {
            assertTrue(jar.getEntry("fragment.e4xmi") == null, "the partner bundle carries no copied fragment");
        }
        Path out = Files.createDirectories(ws.getParent().resolve("inventory"));
        Result written = ok("artifact", "write", "companyweb.inventory", "--out", out.toString(), "--set",
                "libraries=Shared Documents;1200;file-share");
        assertTrue(written.out().contains("companyweb-inventory.csv"), written.toString());
        String csv = Files.readString(out.resolve("companyweb-inventory.csv"));
        assertTrue(csv.startsWith("\uFEFFsite;library;size MB;destination\r\n") && csv.contains(
                ";Shared Documents;1200;file-share\r\n"), csv);
        assertEquals(0, cli("artifact", "validate", "companyweb.inventory", out.toString()).exit());
        Result bad = cli("artifact", "write", "companyweb.inventory", "--out", out.toString(), "--set",
                "libraries=Shared Documents;lots;nowhere");
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("libraries") && bad.err().contains("library-lines"), bad.err());

        // the same repository has no newer version of it
        assertTrue(ok("update", "--repository", repository).out().contains("No updates"));

        // its tasks take part in the rules and survive a restart
        assertEquals(1, cli("task", "companyweb.inventory", "complete").exit());
        ok("task", "prepare.backup", "complete");
        ok("task", "companyweb.inventory", "complete", "--note", "3 libraries, 1.2 GB");
        st = status();
        assertEquals("completed", task(st, "companyweb.inventory").get("state").getAsString());
        assertEquals("not-started", task(st, "companyweb.decide-destination").get("state").getAsString());
        assertEquals(0, st.getAsJsonArray("missingPluginTasks").size());

        // uninstall: after the restart the step is gone, its records are kept and listed
        Result un = ok("uninstall", "--step", "companyweb");
        assertTrue(un.out().contains("Uninstalled " + FEATURE), un.toString());
        st = status();
        assertEquals(standard, ids(st.getAsJsonArray("steps")));
        JsonArray missing = st.getAsJsonArray("missingPluginTasks");
        assertEquals(1, missing.size(), st.toString());
        JsonObject m = missing.get(0).getAsJsonObject();
        assertEquals("companyweb.inventory", m.get("id").getAsString());
        assertEquals("completed", m.get("lastState").getAsString());
        assertEquals("a missing plug-in", m.get("providedBy").getAsString());
        assertTrue(ok("status").out().contains("Provided by a missing plug-in"));
        String journal = ok("journal", "--json").out();
        assertTrue(journal.contains("companyweb.inventory") && journal.contains("3 libraries, 1.2 GB"));
        assertTrue(journal.contains("uninstalled feature " + FEATURE), journal);
        assertFalse(bundlesInfo().contains("org.example.step.companyweb,"));
        assertPartnerContributions(false);

        // a standard step's feature is uninstallable on its own
        ok("uninstall", "--step", "bpa");
        assertEquals(standard.subList(0, 7), ids(status().getAsJsonArray("steps")));
        assertEquals(2, cli("uninstall", "--step", "bpa").exit());
    }
}
