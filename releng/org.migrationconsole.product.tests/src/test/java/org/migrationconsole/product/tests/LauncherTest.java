package org.migrationconsole.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.migrationconsole.product.tests.Product.Result;

/** The launch scripts, the display check and two consoles on one workspace. */
class LauncherTest {

    private static String display() {
        String d = System.getenv("DISPLAY");
        assertNotNull(d, "these tests open the console on a display; the README's test command starts Xvfb");
        return d;
    }

    @Test
    void withoutADisplayTheConsoleSaysSoAndPointsToTheCommandLine() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DISPLAY", null);
        env.put("WAYLAND_DISPLAY", null);
        Result r = Product.run(List.of(Product.script().toString(), "--workspace",
                Product.newWorkspace("nodisplay").toString()), env);
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("no display") && r.err().contains("--headless status"), r.err());
    }

    @Test
    void theRootScriptRunsTheBuiltProduct() throws Exception {
        Path root = Product.dir();
        while (root != null && !Files.exists(root.resolve("ARCHITECTURE.md"))) {
            root = root.getParent();
        }
        assertNotNull(root, "repository root");
        Result r = Product.run(List.of(root.resolve("migration-console").toString(), "--headless", "--workspace",
                Product.newWorkspace("root").toString(), "status", "--json"), Map.of());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("\"org.migrationconsole.step.bpa\""), r.out());
    }

    @Test
    void aSecondConsoleOnTheSameWorkspaceIsReadOnlyAndSaysWhy() throws Exception {
        Path ws = Product.newWorkspace("two");
        ProcessBuilder pb = new ProcessBuilder(Product.script().toString(), "--workspace", ws.toString());
        pb.environment().put("DISPLAY", display());
        pb.redirectErrorStream(true).redirectOutput(ws.resolveSibling(ws.getFileName() + "-ui.log").toFile());
        Process ui = pb.start();
        try {
            Path lock = ws.resolve(".lock");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(lock) && Files.readString(lock).contains("process ")) && ui.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertTrue(ui.isAlive(), "the console started");
            String owner = Files.readString(lock).strip();
            Result status = Product.headless(ws, "status");
            assertEquals(0, status.exit(), status.toString());
            assertTrue(status.out().contains("read-only"), status.out());
            Result change = Product.headless(ws, "task", "prepare.lob-plan", "complete");
            assertEquals(1, change.exit(), change.toString());
            assertTrue(change.err().contains("in use by another Migration Console") && change.err().contains(owner),
                    change.err());
        } finally {
            ui.destroy();
            if (!ui.waitFor(10, TimeUnit.SECONDS)) {
                ui.destroyForcibly().waitFor();
            }
        }
        Result after = Product.headless(ws, "task", "prepare.lob-plan", "complete");
        assertEquals(0, after.exit(), "the workspace is free again once the console has closed: " + after);
    }
}
