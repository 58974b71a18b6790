package org.migrationconsole.actions.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.AttributeChange;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.DirectoryChange;
import org.migrationconsole.api.action.DnsRecordChange;
import org.migrationconsole.api.action.FileChange;
import org.migrationconsole.api.action.ManualItem;

/** The plan as JSON: kept in the workspace, printed by {@code action plan --json}. */
public final class PlanCodec {

    private PlanCodec() {
    }

    public static String toJson(ActionPlan plan) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create()
                .toJson(toTree(plan));
    }

    public static JsonObject toTree(ActionPlan plan) {
        JsonObject o = new JsonObject();
        o.addProperty("action", plan.actionId());
        o.addProperty("plannedAt", plan.plannedAt().toString());
        JsonObject opts = new JsonObject();
        plan.options().forEach(opts::addProperty);
        o.add("options", opts);
        JsonArray changes = new JsonArray();
        for (Change c : plan.changes()) {
            changes.add(change(c));
        }
        o.add("changes", changes);
        JsonArray notes = new JsonArray();
        plan.notes().forEach(notes::add);
        o.add("notes", notes);
        return o;
    }

    static JsonObject change(Change c) {
        JsonObject o = new JsonObject();
        o.addProperty("id", c.id());
        if (c instanceof DirectoryChange d) {
            o.addProperty("kind", "directory");
            o.addProperty("operation", d.operation().name().toLowerCase().replace('_', '-'));
            o.addProperty("dn", d.dn());
            JsonArray attrs = new JsonArray();
            for (AttributeChange a : d.attributes()) {
                JsonObject ao = new JsonObject();
                ao.addProperty("name", a.name());
                ao.addProperty("operation", a.operation().name().toLowerCase().replace('_', '-'));
                ao.add("old", strings(a.oldValues()));
                ao.add("new", strings(a.newValues()));
                ao.addProperty("binary", a.binary());
                attrs.add(ao);
            }
            o.add("attributes", attrs);
            o.add("expectedUsnChanged", d.expectedUsnChanged() == null ? JsonNull.INSTANCE
                    : new JsonPrimitive(d.expectedUsnChanged()));
            o.addProperty("note", d.note());
        } else if (c instanceof FileChange f) {
            o.addProperty("kind", "file");
            o.addProperty("operation", f.operation().name().toLowerCase().replace('_', '-'));
            o.addProperty("server", f.server());
            o.addProperty("share", f.share());
            o.addProperty("path", f.path());
            o.add("oldSha256", f.oldSha256() == null ? JsonNull.INSTANCE : new JsonPrimitive(f.oldSha256()));
            o.add("newContentBase64", f.newContent() == null ? JsonNull.INSTANCE
                    : new JsonPrimitive(Base64.getEncoder().encodeToString(f.newContent())));
            o.addProperty("note", f.note());
        } else if (c instanceof DnsRecordChange r) {
            o.addProperty("kind", "dns");
            o.addProperty("operation", r.operation().name().toLowerCase());
            o.addProperty("zone", r.zone());
            o.addProperty("name", r.name());
            o.addProperty("type", r.type());
            o.addProperty("data", r.data());
            o.add("via", r.via() == null ? JsonNull.INSTANCE : change(r.via()));
        } else if (c instanceof ManualItem m) {
            o.addProperty("kind", "manual");
            o.addProperty("text", m.text());
        } else {
            o.addProperty("kind", "unknown");
        }
        o.addProperty("describe", c.describe());
        return o;
    }

    private static JsonArray strings(List<String> values) {
        JsonArray a = new JsonArray();
        values.forEach(a::add);
        return a;
    }

    public static ActionPlan fromJson(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        Map<String, String> options = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.getAsJsonObject("options").entrySet()) {
            options.put(e.getKey(), e.getValue().getAsString());
        }
        List<Change> changes = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("changes")) {
            changes.add(change(e.getAsJsonObject()));
        }
        List<String> notes = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("notes")) {
            notes.add(e.getAsString());
        }
        return new ActionPlan(o.get("action").getAsString(), Instant.parse(o.get("plannedAt").getAsString()), options,
                changes, notes);
    }

    private static String str(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static List<String> list(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray(key)) {
            out.add(e.getAsString());
        }
        return out;
    }

    private static String enumName(String s) {
        return s.toUpperCase().replace('-', '_');
    }

    static Change change(JsonObject o) {
        String id = str(o, "id");
        switch (str(o, "kind")) {
            case "directory" -> {
                List<AttributeChange> attrs = new ArrayList<>();
                for (JsonElement e : o.getAsJsonArray("attributes")) {
                    JsonObject a = e.getAsJsonObject();
                    attrs.add(new AttributeChange(str(a, "name"), AttributeChange.Operation.valueOf(enumName(str(a,
                            "operation"))), list(a, "old"), list(a, "new"), a.get("binary").getAsBoolean()));
                }
                return new DirectoryChange(id, DirectoryChange.Operation.valueOf(enumName(str(o, "operation"))), str(o,
                        "dn"), attrs, str(o, "expectedUsnChanged"), str(o, "note"));
            }
            case "file" -> {
                String content = str(o, "newContentBase64");
                return new FileChange(id, FileChange.Operation.valueOf(enumName(str(o, "operation"))), str(o, "server"),
                        str(o, "share"), str(o, "path"), str(o, "oldSha256"), content == null ? null
                                : Base64.getDecoder().decode(content), str(o, "note"));
            }
            case "dns" -> {
                JsonElement via = o.get("via");
                return new DnsRecordChange(id, DnsRecordChange.Operation.valueOf(enumName(str(o, "operation"))), str(o,
                        "zone"), str(o, "name"), str(o, "type"), str(o, "data"), via == null || via.isJsonNull() ? null
                                : (DirectoryChange) change(via.getAsJsonObject()));
            }
            case "manual" -> {
                return new ManualItem(id, str(o, "text"));
            }
            default -> throw new IllegalArgumentException("change " + id + " has an unknown kind " + str(o, "kind"));
        }
    }
}
