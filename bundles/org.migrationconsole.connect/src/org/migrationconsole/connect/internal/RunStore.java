package org.migrationconsole.connect.internal;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.CheckStatus;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.check.Severity;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.core.files.SafeFiles;

/**
 * Check results in the workspace: {@code checks/last-run.json} (the latest run) and
 * {@code checks/latest.json} (the latest outcome of every check, across runs, which gates the
 * tasks) and {@code checks/runs/<startedAt>.json} (every run, for the report's history). All
 * written atomically; the JSON is the same as the command line's.
 */
public final class RunStore {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
            .create();

    static final String HISTORY = "runs";

    private final Path dir;

    public RunStore(Path workspace) {
        this.dir = workspace.resolve("checks");
    }

    public synchronized void save(CheckRun run) throws IOException {
        SafeFiles.ensurePrivateDirectory(dir);
        write(dir.resolve("last-run.json"), toJson(run));
        Path history = dir.resolve(HISTORY);
        Files.createDirectories(history);
        write(history.resolve(historyName(run.startedAt())), toJson(run));
        Map<String, CheckOutcome> latest = new TreeMap<>(latest());
        for (CheckOutcome o : run.outcomes()) {
            if (!(run.canceled() && o.result().status() == CheckStatus.SKIPPED)) {
                latest.put(o.checkId(), o);
            }
        }
        JsonArray a = new JsonArray();
        latest.values().forEach(o -> a.add(toJson(o)));
        write(dir.resolve("latest.json"), a);
    }

    /** The file that keeps the profile the latest run used (never a password: profiles hold none). */
    static final String PROFILE_USED = "profile-used.properties";

    /**
     * Keeps the profile a run used ({@code checks/profile-used.properties}), so readers such as the
     * report can name the servers when the checks ran with {@code --profile} and no profile was
     * imported. The CA file's path is left out (it may be gone later, e.g. the lab's).
     */
    public synchronized void saveProfile(ConnectionProfile p) throws IOException {
        SafeFiles.ensurePrivateDirectory(dir);
        ProfileFile.write(new ConnectionProfile(p.name(), p.sourceHost(), p.sourceAddress(), p.domain(),
                p.netbiosDomain(), p.adminAccount(), p.ldapSecurity(), p.destinationHost(), p.destinationAddress(),
                p.target(), null), dir.resolve(PROFILE_USED));
    }

    /** The profile the latest run used, if it was kept and still reads as a valid profile. */
    public synchronized Optional<ConnectionProfile> profileUsed() {
        Path f = dir.resolve(PROFILE_USED);
        if (!Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProfileFile.read(f));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public synchronized Optional<CheckRun> lastRun() {
        return readRun(dir.resolve("last-run.json"));
    }

    /**
     * Every stored run, oldest first ({@code checks/runs/}, one file per run). A workspace whose
     * runs predate the history has only its last run; that one is returned then.
     */
    public synchronized List<CheckRun> runs() {
        List<CheckRun> out = new ArrayList<>();
        Path history = dir.resolve(HISTORY);
        if (Files.isDirectory(history)) {
            try (var files = Files.list(history)) {
                files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted()
                        .forEach(f -> readRun(f).ifPresent(out::add));
            } catch (IOException e) {
                // unreadable history: fall back to the last run below
            }
        }
        if (out.isEmpty()) {
            lastRun().ifPresent(out::add);
        }
        out.sort(java.util.Comparator.comparing(CheckRun::startedAt));
        return out;
    }

    private static String historyName(Instant startedAt) {
        // sortable and valid on every file system: 2026-11-24T14-10-02.118Z.json
        return startedAt.toString().replace(':', '-') + ".json";
    }

    private static Optional<CheckRun> readRun(Path f) {
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            JsonObject o = JsonParser.parseString(readText(f)).getAsJsonObject();
            List<CheckOutcome> outcomes = new ArrayList<>();
            for (JsonElement e : o.getAsJsonArray("results")) {
                outcomes.add(outcome(e.getAsJsonObject()));
            }
            return Optional.of(new CheckRun(Instant.parse(o.get("startedAt").getAsString()),
                    o.get("profile").getAsString(), outcomes, o.get("canceled").getAsBoolean()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The latest outcome of each check id. */
    public synchronized Map<String, CheckOutcome> latest() {
        Path f = dir.resolve("latest.json");
        Map<String, CheckOutcome> out = new LinkedHashMap<>();
        if (!Files.exists(f)) {
            return out;
        }
        try {
            for (JsonElement e : JsonParser.parseString(readText(f))
                    .getAsJsonArray()) {
                CheckOutcome o = outcome(e.getAsJsonObject());
                out.put(o.checkId(), o);
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable file gates like no results: the checks have to run again
        }
        return out;
    }

    private static void write(Path file, JsonElement json) throws IOException {
        SafeFiles.writeAtomically(file, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            GSON.toJson(json, w);
            w.flush();
        }, SafeFiles.PRIVATE_FILE);
    }

    /** Results files larger than this are treated as unreadable (the checks have to run again). */
    static final long MAX_BYTES = 16L << 20;

    private static String readText(Path f) throws IOException {
        return SafeFiles.utf8(SafeFiles.readBounded(f, MAX_BYTES, "check results file"), "check results file " + f);
    }

    public static JsonObject toJson(CheckRun run) {
        JsonObject o = new JsonObject();
        o.addProperty("startedAt", run.startedAt().toString());
        o.addProperty("profile", run.profileName());
        o.addProperty("canceled", run.canceled());
        JsonObject summary = new JsonObject();
        for (CheckStatus s : CheckStatus.values()) {
            summary.addProperty(s.id(), run.outcomes().stream().filter(x -> x.result().status() == s).count());
        }
        summary.addProperty("blocking", run.errors().size());
        o.add("summary", summary);
        JsonArray a = new JsonArray();
        run.outcomes().forEach(x -> a.add(toJson(x)));
        o.add("results", a);
        return o;
    }

    public static JsonObject toJson(CheckOutcome x) {
        JsonObject o = new JsonObject();
        o.addProperty("id", x.checkId());
        o.addProperty("title", x.title());
        o.addProperty("step", x.stepId());
        o.addProperty("task", x.taskId());
        o.addProperty("severity", x.severity().id());
        o.addProperty("status", x.result().status().id());
        o.addProperty("message", x.result().message());
        JsonArray ev = new JsonArray();
        x.result().evidence().forEach(ev::add);
        o.add("evidence", ev);
        o.addProperty("remedy", x.result().remedy());
        o.addProperty("finishedAt", x.finishedAt().toString());
        o.addProperty("millis", x.millis());
        return o;
    }

    private static CheckOutcome outcome(JsonObject o) {
        List<String> evidence = new ArrayList<>();
        o.getAsJsonArray("evidence").forEach(e -> evidence.add(e.getAsString()));
        Severity sev = Severity.valueOf(o.get("severity").getAsString().toUpperCase(java.util.Locale.ROOT));
        CheckStatus st = CheckStatus.valueOf(o.get("status").getAsString().toUpperCase(java.util.Locale.ROOT));
        return new CheckOutcome(o.get("id").getAsString(), o.get("title").getAsString(), o.get("step").getAsString(),
                o.get("task").isJsonNull() ? null : o.get("task").getAsString(), sev,
                new CheckResult(st, o.get("message").getAsString(), evidence, o.get("remedy").getAsString()),
                Instant.parse(o.get("finishedAt").getAsString()), o.get("millis").getAsLong());
    }
}
