package org.migrationconsole.cli.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.migrationconsole.api.state.JournalEntry;
import org.migrationconsole.api.state.JournalVerification;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code journal [--json]}: the audit journal, oldest first; {@code journal --verify [--json]}:
 * checks every record, the hash chain and the replay against the rules, prints the chain head;
 * exit 1 when the journal is not intact.
 */
@Command(name = "journal", description = "the audit journal, oldest first; --verify checks every record and the"
        + " hash chain and prints the chain head (exit 1 when the journal is not intact)")
final class JournalCommand extends BaseCommand {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--json", description = "print a JSON document")
    boolean json;

    @Option(names = "--verify", description = "check every record, the hash chain and the rules; print the chain"
            + " head to keep; exit 1 when not intact")
    boolean verify;

    JournalCommand(Env env) {
        super(env);
    }

    @Override
    public Integer call() {
        return verify ? verify(json) : journal(json);
    }

    private int verify(boolean json) {
        JournalVerification v = state().verifyJournal();
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("journal", v.journal() == null ? null : v.journal().toString());
            o.addProperty("records", v.records());
            o.addProperty("chainedFrom", v.chainedFrom());
            o.addProperty("chainHead", v.chainHead());
            o.addProperty("intact", v.intact());
            JsonArray p = new JsonArray();
            v.problems().forEach(p::add);
            o.add("problems", p);
            out().println(Json.pretty(o));
        } else {
            out().println("Journal:      " + v.journal());
            out().println("Records:      " + v.records());
            out().println("Chained from: " + (v.chainedFrom() < 0 ? "no record carries the hash chain yet"
                    : "record " + v.chainedFrom()));
            out().println("Chain head:   " + (v.chainHead() == null ? "(empty journal)" : v.chainHead()));
            if (v.intact()) {
                out().println("Intact: every record's checksum, the sequence, the hash chain and the replay against"
                        + " the rules are in order. Keep the chain head to prove later that nothing up to here was"
                        + " removed, changed or reordered.");
            } else {
                out().println("NOT intact: " + v.problems().size() + " problem(s):");
                v.problems().forEach(p -> out().println("  " + p));
            }
        }
        return v.intact() ? Cli.OK : Cli.REFUSED;
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
