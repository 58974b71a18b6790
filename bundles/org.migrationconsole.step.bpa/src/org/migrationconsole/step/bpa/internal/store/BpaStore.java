package org.migrationconsole.step.bpa.internal.store;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.migrationconsole.core.files.SafeFiles;
import org.migrationconsole.step.bpa.internal.rules.Finding;

/**
 * The analyzer's runs in the workspace: {@code bpa/runs/<id>.json}, one file per run, written
 * atomically and owner-only through {@link SafeFiles}; the JSON is the same as {@code bpa run --json}.
 */
public final class BpaStore {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
            .create();
    /** A run file larger than this is not read (it is not one the console wrote). */
    static final long MAX_BYTES = 16L << 20;

    private final Path bpa;
    private final Path runs;

    public BpaStore(Path workspace) {
        this.bpa = workspace.resolve("bpa");
        this.runs = bpa.resolve("runs");
    }

    public Path folder() {
        return runs;
    }

    public synchronized Path save(BpaRun run) throws IOException {
        SafeFiles.ensurePrivateDirectory(bpa);
        SafeFiles.ensurePrivateDirectory(runs);
        Path f = runs.resolve(run.id() + ".json");
        JsonObject json = toJson(run);
        SafeFiles.writeAtomically(f, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            GSON.toJson(json, w);
            w.flush();
        }, SafeFiles.PRIVATE_FILE);
        return f;
    }

    /** Every stored run, oldest first; unreadable files are left out (and named in {@code problems}). */
    public synchronized List<BpaRun> runs(List<String> problems) {
        List<BpaRun> out = new ArrayList<>();
        if (!Files.isDirectory(runs)) {
            return out;
        }
        try (var files = Files.list(runs)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    out.add(read(f));
                } catch (IOException | RuntimeException e) {
                    problems.add(f + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            problems.add(runs + ": " + e.getMessage());
        }
        out.sort(Comparator.comparing(BpaRun::startedAt));
        return out;
    }

    public List<BpaRun> runs() {
        return runs(new ArrayList<>());
    }

    /**
     * A run by its id, by its number in {@code bpa list} (1 = the oldest), or {@code latest} /
     * {@code previous}.
     */
    public Optional<BpaRun> find(String ref) {
        List<BpaRun> all = runs();
        if (all.isEmpty() || ref == null) {
            return Optional.empty();
        }
        if (ref.equals("latest")) {
            return Optional.of(all.get(all.size() - 1));
        }
        if (ref.equals("previous")) {
            return all.size() < 2 ? Optional.empty() : Optional.of(all.get(all.size() - 2));
        }
        if (ref.matches("[0-9]{1,6}")) {
            int n = Integer.parseInt(ref);
            return n >= 1 && n <= all.size() ? Optional.of(all.get(n - 1)) : Optional.empty();
        }
        return all.stream().filter(r -> r.id().equals(ref)).findFirst();
    }

    static BpaRun read(Path f) throws IOException {
        String text = SafeFiles.utf8(SafeFiles.readBounded(f, MAX_BYTES, "BPA run file"), "BPA run file " + f);
        return fromJson(JsonParser.parseString(text).getAsJsonObject());
    }

    public static JsonObject toJson(BpaRun run) {
        JsonObject o = new JsonObject();
        o.addProperty("id", run.id());
        o.addProperty("startedAt", run.startedAt().toString());
        o.addProperty("origin", run.origin());
        o.addProperty("destination", run.destination());
        o.addProperty("server", run.server());
        o.addProperty("canceled", run.canceled());
        JsonObject summary = new JsonObject();
        for (String s : List.of("pass", "fail", "error", "skipped")) {
            summary.addProperty(s, run.count(s));
        }
        summary.addProperty("open", run.open().size());
        o.add("summary", summary);
        JsonArray a = new JsonArray();
        run.findings().forEach(f -> a.add(toJson(f)));
        o.add("findings", a);
        return o;
    }

    public static JsonObject toJson(Finding f) {
        JsonObject o = new JsonObject();
        o.addProperty("id", f.ruleId());
        o.addProperty("title", f.title());
        o.addProperty("category", f.category());
        o.addProperty("severity", f.severity());
        o.addProperty("status", f.status());
        o.addProperty("message", f.message());
        JsonArray ev = new JsonArray();
        f.evidence().forEach(ev::add);
        o.add("evidence", ev);
        o.addProperty("remedy", f.remedy());
        return o;
    }

    static BpaRun fromJson(JsonObject o) {
        List<Finding> findings = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("findings")) {
            JsonObject f = e.getAsJsonObject();
            List<String> evidence = new ArrayList<>();
            f.getAsJsonArray("evidence").forEach(x -> evidence.add(x.getAsString()));
            findings.add(new Finding(str(f, "id"), str(f, "title"), str(f, "category"), str(f, "severity"),
                    str(f, "status"), str(f, "message"), evidence, str(f, "remedy")));
        }
        return new BpaRun(str(o, "id"), Instant.parse(str(o, "startedAt")), str(o, "origin"), str(o, "destination"),
                str(o, "server"), o.has("canceled") && o.get("canceled").getAsBoolean(), findings);
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            if (key.equals("id") || key.equals("status") || key.equals("startedAt")) {
                throw new IllegalArgumentException("no '" + key + "'");
            }
            return "";
        }
        return e.getAsString();
    }
}
