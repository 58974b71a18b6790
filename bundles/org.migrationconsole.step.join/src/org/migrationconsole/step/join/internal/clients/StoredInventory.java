package org.migrationconsole.step.join.internal.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The inventory of the latest run of check {@code clients.inventory}, read from the workspace's
 * {@code checks/latest.json} (the shell's documented store of the latest outcome of every check),
 * without connecting.
 */
public final class StoredInventory {

    public static final String CHECK_ID = "clients.inventory";
    /** The largest checks/latest.json read. */
    private static final long MAX_LATEST = 16L << 20;

    /** An inventory: when it was read and the computers. */
    public record Snapshot(Instant readAt, List<Computer> computers) {
    }

    private StoredInventory() {
    }

    /** The latest inventory of the workspace, empty when the check never passed there. */
    public static Optional<Snapshot> latest(Path workspace) throws IOException {
        Path latest = workspace.resolve("checks").resolve("latest.json");
        if (!Files.isRegularFile(latest) || Files.size(latest) > MAX_LATEST) {
            return Optional.empty();
        }
        try {
            JsonElement doc = JsonParser.parseString(Files.readString(latest, StandardCharsets.UTF_8));
            if (!doc.isJsonArray()) {
                return Optional.empty();
            }
            for (JsonElement e : doc.getAsJsonArray()) {
                if (!e.isJsonObject()) {
                    continue;
                }
                JsonObject o = e.getAsJsonObject();
                if (o.has("id") && CHECK_ID.equals(o.get("id").getAsString()) && o.has("status")
                        && "pass".equals(o.get("status").getAsString()) && o.has("evidence")) {
                    List<String> evidence = new ArrayList<>();
                    o.getAsJsonArray("evidence").forEach(x -> evidence.add(x.getAsString()));
                    Instant at = o.has("finishedAt") && !o.get("finishedAt").isJsonNull()
                            ? Instant.parse(o.get("finishedAt").getAsString()) : null;
                    return Optional.of(new Snapshot(at, InventoryLine.parseAll(evidence)));
                }
            }
        } catch (JsonParseException | IllegalStateException | java.time.format.DateTimeParseException e) {
            throw new IOException(latest + " cannot be read as check results: " + e.getMessage(), e);
        }
        return Optional.empty();
    }
}
