package org.migrationconsole.step.move.internal.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.migrationconsole.core.files.SafeFiles;

/**
 * Step 4's data files in the workspace, folder {@code data/} (0700, files 0600, written through
 * {@link SafeFiles}): {@code inventory.json} (the latest inventory of the source's shares) and
 * {@code plan.json} (source share → destination share or folder).
 */
public final class DataStore {

    static final long MAX_BYTES = 16L << 20;
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path dir;

    public DataStore(Path workspace) {
        this.dir = workspace.resolve("data");
    }

    public Path inventoryFile() {
        return dir.resolve("inventory.json");
    }

    public Path planFile() {
        return dir.resolve("plan.json");
    }

    private void write(Path file, JsonElement json) throws IOException {
        SafeFiles.ensurePrivateDirectory(dir);
        SafeFiles.writeAtomically(file, (GSON.toJson(json) + "\n").getBytes(StandardCharsets.UTF_8),
                SafeFiles.PRIVATE_FILE);
    }

    private Optional<JsonObject> read(Path file, String what) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        String text = SafeFiles.utf8(SafeFiles.readBounded(file, MAX_BYTES, what), what);
        try {
            return Optional.of(JsonParser.parseString(text).getAsJsonObject());
        } catch (RuntimeException e) {
            throw new IOException("The " + what + " " + file + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    public Optional<JsonObject> verification() throws IOException {
        return read(dir.resolve("verify.json"), "data verification");
    }

    public void writeVerification(JsonObject result) throws IOException {
        write(dir.resolve("verify.json"), result);
    }

    public void writeInventory(JsonObject inventory) throws IOException {
        write(inventoryFile(), inventory);
    }

    public Optional<JsonObject> inventory() throws IOException {
        return read(inventoryFile(), "data inventory");
    }

    /** Source share → destination ("SHARE" or "SHARE\folder"), in the order they were mapped. */
    public Map<String, String> plan() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<JsonObject> p = read(planFile(), "data plan");
        if (p.isPresent() && p.get().has("mappings")) {
            for (JsonElement e : p.get().getAsJsonArray("mappings")) {
                JsonObject m = e.getAsJsonObject();
                out.put(m.get("source").getAsString(), m.get("destination").getAsString());
            }
        }
        return out;
    }

    public void writePlan(Map<String, String> mappings) throws IOException {
        JsonObject o = new JsonObject();
        com.google.gson.JsonArray a = new com.google.gson.JsonArray();
        mappings.forEach((s, d) -> {
            JsonObject m = new JsonObject();
            m.addProperty("source", s);
            m.addProperty("destination", d);
            a.add(m);
        });
        o.add("mappings", a);
        write(planFile(), o);
    }
}
