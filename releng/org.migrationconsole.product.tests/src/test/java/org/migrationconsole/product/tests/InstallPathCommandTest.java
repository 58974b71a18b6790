package org.migrationconsole.product.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.migrationconsole.product.tests.Product.Result;

/** The install path: chosen by the profile's target version, shown by status, switched and journalled. */
class InstallPathCommandTest {

    static List<String> installTasks(JsonObject status) {
        List<String> ids = new ArrayList<>();
        for (JsonElement s : status.getAsJsonArray("steps")) {
            if (s.getAsJsonObject().get("id").getAsString().equals("install")) {
                s.getAsJsonObject().getAsJsonArray("tasks").forEach(t -> ids.add(t.getAsJsonObject().get("id")
                        .getAsString()));
            }
        }
        return ids;
    }

    @Test
    void targetVersionChoosesThePathAndSwitchingIsJournalled() throws Exception {
        Path ws = Product.newWorkspace("path");
        JsonObject before = JsonParser.parseString(Product.headless(ws, "status", "--json").out()).getAsJsonObject();
        assertEquals("a", before.get("path").getAsString());
        assertTrue(installTasks(before).contains("install.run-setup"));
        assertFalse(installTasks(before).contains("install.replica-promote"));

        Path profile = ws.getParent().resolve(ws.getFileName() + "-2016.properties");
        Files.writeString(profile, "source.host=sbs2003.contoso.local\nsource.domain=contoso.local\n"
                + "source.admin=MigAdmin\ntarget.version=essentials-2016\n");
        Result imported = Product.headless(ws, "profile", "import", profile.toString());
        assertEquals(0, imported.exit(), imported.toString());
        assertTrue(imported.out().contains("Install path set to B"), imported.out());
        JsonObject after = JsonParser.parseString(Product.headless(ws, "status", "--json").out()).getAsJsonObject();
        assertEquals("b", after.get("path").getAsString());
        assertTrue(installTasks(after).containsAll(List.of("install.replica-promote", "install.replica-transfer-fsmo",
                "install.replica-configure", "install.replica-verify-users")));
        assertFalse(installTasks(after).contains("install.run-setup"));
        Result refused = Product.headless(ws, "task", "install.run-setup", "start");
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("path A"), refused.err());

        assertEquals(2, Product.headless(ws, "path", "a").exit(), "a reason is required");
        assertEquals(2, Product.headless(ws, "path", "c", "--note", "x").exit());
        Result back = Product.headless(ws, "path", "a", "--note", "our DVD still offers Server migration");
        assertEquals(0, back.exit(), back.toString());
        assertTrue(back.out().contains("A: Setup in migration mode"), back.out());
        String journal = Product.headless(ws, "journal").out();
        assertTrue(journal.contains("path b -> a") && journal.contains("our DVD still offers Server migration"),
                journal);
        assertTrue(journal.contains("path a -> b") && journal.contains("target version essentials-2016"), journal);
    }
}
