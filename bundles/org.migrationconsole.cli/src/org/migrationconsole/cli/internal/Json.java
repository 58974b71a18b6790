package org.migrationconsole.cli.internal;

import java.time.Instant;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.migrationconsole.api.state.ClockStatus;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.api.state.WorkspaceInfo;

/** The JSON documents of the command line, in one style (pretty, nulls kept, no HTML escaping). */
final class Json {

    private Json() {
    }

    static JsonObject taskJson(TaskStatus t) {
        JsonObject o = new JsonObject();
        o.addProperty("id", t.id());
        o.addProperty("title", t.descriptor().title());
        o.addProperty("state", t.state().id());
        o.addProperty("recordedState", t.recordedState().id());
        o.addProperty("optional", t.descriptor().optional());
        o.addProperty("kind", t.descriptor().kind().id());
        o.addProperty("unverified", t.descriptor().unverified());
        JsonArray pre = new JsonArray();
        t.descriptor().prerequisites().forEach(pre::add);
        o.add("prerequisites", pre);
        JsonArray reasons = new JsonArray();
        t.blockedReasons().forEach(reasons::add);
        o.add("blockedReasons", reasons);
        o.addProperty("changedAt", iso(t.changedAt()));
        o.addProperty("changedBy", t.changedBy());
        o.addProperty("note", t.lastNote());
        return o;
    }

    static JsonObject clockJson(ClockStatus c) {
        JsonObject o = new JsonObject();
        o.addProperty("id", c.clock().id());
        o.addProperty("limitDays", c.clock().limit().toDays());
        o.addProperty("level", c.level().id());
        o.addProperty("startedAt", iso(c.startedAt()));
        o.addProperty("stoppedAt", iso(c.stoppedAt()));
        o.addProperty("endsAt", iso(c.endsAt()));
        o.addProperty("remainingSeconds", c.remaining() == null ? null : c.remaining().toSeconds());
        o.addProperty("message", c.message());
        return o;
    }

    static JsonObject workspaceJson(WorkspaceInfo ws) {
        JsonObject o = new JsonObject();
        o.addProperty("directory", ws.directory().toString());
        o.addProperty("journal", ws.journal().toString());
        o.addProperty("readOnly", ws.readOnly());
        o.addProperty("readOnlyReason", ws.readOnlyReason());
        JsonArray w = new JsonArray();
        ws.warnings().forEach(w::add);
        o.add("warnings", w);
        return o;
    }

    static String iso(Instant i) {
        return i == null ? null : i.toString();
    }

    static String pretty(JsonElement e) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(e);
    }
}
