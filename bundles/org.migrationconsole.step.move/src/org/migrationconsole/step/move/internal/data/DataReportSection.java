package org.migrationconsole.step.move.internal.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.migrationconsole.report.Block;
import org.migrationconsole.report.ReportContext;
import org.migrationconsole.report.ReportSectionContributor;
import org.migrationconsole.report.Section;
import org.migrationconsole.report.Tone;
import org.osgi.service.component.annotations.Component;

/**
 * The report's "Shared data" section (order {@link #DATA_MOVED}): per share of the latest inventory
 * its size and files, where the plan sends it and the latest verification's result, with a chart of
 * the sizes. Nothing when no inventory was taken.
 */
@Component(service = ReportSectionContributor.class)
public class DataReportSection implements ReportSectionContributor {

    /** A stored time as the report shows its times. */
    private static String when(ReportContext context, JsonObject o, String key) {
        try {
            return context.format(java.time.Instant.parse(o.get(key).getAsString()));
        } catch (RuntimeException e) {
            return o.has(key) ? o.get(key).getAsString() : "–";
        }
    }

    @Override
    public int order() {
        return DATA_MOVED;
    }

    @Override
    public List<Section> sections(ReportContext context) {
        DataStore store = new DataStore(context.workspace());
        Optional<JsonObject> inventory;
        Map<String, String> plan;
        Optional<JsonObject> verification;
        try {
            inventory = store.inventory();
            plan = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            plan.putAll(store.plan());
            verification = store.verification();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (inventory.isEmpty()) {
            return List.of();
        }
        Map<String, JsonObject> verified = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        verification.ifPresent(v -> v.getAsJsonArray("shares").forEach(e -> verified.put(e.getAsJsonObject().get(
                "source").getAsString(), e.getAsJsonObject())));
        List<Block.Row> rows = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> mib = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (JsonElement e : inventory.get().getAsJsonArray("shares")) {
            JsonObject s = e.getAsJsonObject();
            String name = s.get("name").getAsString();
            JsonObject v = verified.get(name);
            String result;
            Tone tone;
            if (v == null) {
                result = "not verified";
                tone = Tone.MUTED;
            } else if (v.get("passed").getAsBoolean()) {
                result = "same: " + v.get("filesCompared").getAsLong() + " files compared, " + v.get("hashed")
                        .getAsLong() + " by SHA-256" + (v.get("extra").getAsLong() > 0 ? ", " + v.get("extra")
                                .getAsLong() + " extra at the destination" : "");
                tone = Tone.GOOD;
            } else {
                result = v.get("missing").getAsLong() + " missing, " + v.get("different").getAsLong() + " different, "
                        + v.get("extra").getAsLong() + " extra";
                tone = Tone.BAD;
            }
            String dest = plan.get(name);
            rows.add(new Block.Row(List.of(name, Long.toString(s.get("files").getAsLong()), DataCommands.size(s.get(
                    "bytes").getAsLong()), Long.toString(s.get("pathsOver260").getAsLong()), dest == null
                            ? "not mapped" : dest, result), tone));
            names.add(name);
            mib.add(s.get("bytes").getAsLong() / 1048576.0);
            labels.add(DataCommands.size(s.get("bytes").getAsLong()));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Facts(List.of(new Block.Fact("Source", inventory.get().get("server").getAsString()),
                new Block.Fact("Inventory taken", when(context, inventory.get(), "takenAt")),
                new Block.Fact("Verified", verification.map(v -> when(context, v, "verifiedAt") + " against "
                        + v.get("destination").getAsString()).orElse("not yet")))));
        blocks.add(new Block.Table(List.of("Share", "Files", "Size", "Paths > 260", "Destination", "Verification"),
                List.of(2, 1, 1, 1, 2, 4), rows, "no share holds user data"));
        blocks.add(new Block.Chart("Size per share", names, List.of(new Block.Series("MiB", Tone.INFO, mib)), true,
                null, " MiB", labels));
        return List.of(new Section("shared-data", "Shared data", "The source's shares holding user data, where each"
                + " goes and whether the copy was verified (names, sizes, times and SHA-256).", blocks));
    }
}
