package org.migrationconsole.cli.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.migrationconsole.api.state.JournalEntry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code journal [--json]}: the audit journal, oldest first. */
@Command(name = "journal", description = "the audit journal, oldest first")
final class JournalCommand extends BaseCommand {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--json", description = "print a JSON document")
    boolean json;

    JournalCommand(Env env) {
        super(env);
    }

    @Override
    public Integer call() {
        return journal(json);
    }

    private int journal(boolean json) {
        List<JournalEntry> entries = state().journal();
        if (json) {
            JsonArray a = new JsonArray();
            for (JournalEntry e : entries) {
                JsonObject o = new JsonObject();
                o.addProperty("seq", e.seq());
                o.addProperty("at", Json.iso(e.at()));
                o.addProperty("who", e.who());
                o.addProperty("type", e.type());
                o.addProperty("task", e.taskId());
                o.addProperty("from", e.from());
                o.addProperty("to", e.to());
                o.addProperty("note", e.note());
                a.add(o);
            }
            out().println(Json.pretty(a));
            return Cli.OK;
        }
        for (JournalEntry e : entries) {
            String change = JournalEntry.TRANSITION.equals(e.type()) ? e.from() + " -> " + e.to()
                    : JournalEntry.PATH.equals(e.type()) ? "path " + e.from() + " -> " + e.to() : e.type();
            out().printf("%6d  %s  %-10s %-32s %-26s %s%n", e.seq(), e.at() == null ? "" : TIME.format(e.at()),
                    e.who(), e.taskId() == null ? "" : e.taskId(), change, e.note() == null ? "" : e.note());
        }
        if (entries.isEmpty()) {
            out().println("The journal is empty.");
        }
        return Cli.OK;
    }

}
