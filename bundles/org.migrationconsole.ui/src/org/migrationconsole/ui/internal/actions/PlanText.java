package org.migrationconsole.ui.internal.actions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.AttributeChange;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.DirectoryChange;
import org.migrationconsole.api.action.DnsRecordChange;
import org.migrationconsole.api.action.FileChange;
import org.migrationconsole.api.action.ManualItem;

/**
 * A plan as a readable diff, line by line: for each change a heading, the entry's DN or the file's
 * path, then the values that go ({@link Kind#REMOVED}) and come ({@link Kind#ADDED}). No SWT: the
 * preview dialog only colours the lines by their kind.
 */
public final class PlanText {

    /** How a line is shown. */
    public enum Kind {
        /** "Change 3 of 7: modify entry" */
        HEADING,
        /** The DN, the path, the record. */
        TARGET,
        /** A value that goes: "- scriptPath: SBS_LOGIN_SCRIPT.bat". */
        REMOVED,
        /** A value that comes: "+ scriptPath: (none)". */
        ADDED,
        /** Something the console cannot do: the administrator does it by hand. */
        MANUAL,
        /** The plan's notes and the summary. */
        NOTE
    }

    /** One line of the diff. */
    public record Line(Kind kind, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** Longest value shown; longer (binary) values are cut with their length. */
    static final int MAX_VALUE = 400;

    private PlanText() {
    }

    /** The whole plan: summary, each change, then the notes. */
    public static List<Line> lines(ActionPlan plan) {
        List<Line> out = new ArrayList<>();
        out.add(new Line(Kind.NOTE, summary(plan)));
        int n = (int) plan.changes().stream().filter(Change::automatic).count();
        int k = 0;
        for (Change c : plan.changes()) {
            out.add(new Line(Kind.NOTE, ""));
            if (c.automatic()) {
                k++;
            }
            change(out, c, c.automatic() ? "Change " + k + " of " + n + ": " : "");
        }
        if (!plan.notes().isEmpty()) {
            out.add(new Line(Kind.NOTE, ""));
            for (String note : plan.notes()) {
                out.add(new Line(Kind.NOTE, "Note: " + note));
            }
        }
        return out;
    }

    /** The lines as plain text (what the dialog shows, without colours). */
    public static String text(List<Line> lines) {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            b.append(l.text()).append('\n');
        }
        return b.toString();
    }

    /**
     * "5 changes: 2 entries modified, 1 deleted, 1 created, 1 DNS record removed; 1 item by hand" or
     * "Nothing to change".
     */
    public static String summary(ActionPlan plan) {
        int modified = 0;
        int deleted = 0;
        int created = 0;
        int files = 0;
        int dns = 0;
        int manual = 0;
        int other = 0;
        for (Change c : plan.changes()) {
            if (c instanceof DirectoryChange d) {
                switch (d.operation()) {
                    case MODIFY -> modified++;
                    case ADD -> created++;
                    case DELETE, DELETE_TREE -> deleted++;
                }
            } else if (c instanceof FileChange) {
                files++;
            } else if (c instanceof DnsRecordChange) {
                dns++;
            } else if (c instanceof ManualItem) {
                manual++;
            } else {
                other++;
            }
        }
        int automatic = (int) plan.changes().stream().filter(Change::automatic).count();
        List<String> parts = new ArrayList<>();
        add(parts, modified, "entry modified", "entries modified");
        add(parts, deleted, "entry deleted", "entries deleted");
        add(parts, created, "entry created", "entries created");
        add(parts, files, "file or folder on a share", "files or folders on shares");
        add(parts, dns, "DNS record", "DNS records");
        add(parts, other, "other change", "other changes");
        String head = automatic == 0 ? "Nothing to change" : automatic + (automatic == 1 ? " change: " : " changes: ")
                + String.join(", ", parts);
        return head + (manual == 0 ? "" : "; " + manual + (manual == 1 ? " item" : " items")
                + " to do by hand") + ".";
    }

    private static void add(List<String> parts, int n, String one, String many) {
        if (n > 0) {
            parts.add(n + " " + (n == 1 ? one : many));
        }
    }

    /** The entries and files a plan touches (distinct DNs and paths). */
    public static int entries(ActionPlan plan) {
        Set<String> seen = new LinkedHashSet<>();
        for (Change c : plan.changes()) {
            if (c instanceof DirectoryChange d) {
                seen.add("dn:" + d.dn().toLowerCase(Locale.ROOT));
            } else if (c instanceof DnsRecordChange r) {
                seen.add(r.via() == null ? "dns:" + r.name() + "." + r.zone() : "dn:" + r.via().dn().toLowerCase(
                        Locale.ROOT));
            } else if (c instanceof FileChange f) {
                seen.add("file:" + f.server() + "/" + f.share() + "/" + f.path().toLowerCase(Locale.ROOT));
            }
        }
        return seen.size();
    }

    private static void change(List<Line> out, Change c, String prefix) {
        if (c instanceof DirectoryChange d) {
            directory(out, d, prefix);
        } else if (c instanceof DnsRecordChange r) {
            String verb = r.operation() == DnsRecordChange.Operation.DELETE ? "remove DNS record" : "add DNS record";
            out.add(new Line(Kind.HEADING, prefix + verb));
            out.add(new Line(Kind.TARGET, "  " + ("@".equals(r.name()) ? r.zone() : r.name() + "." + r.zone()) + "  "
                    + r.type()));
            out.add(new Line(r.operation() == DnsRecordChange.Operation.DELETE ? Kind.REMOVED : Kind.ADDED, (r
                    .operation() == DnsRecordChange.Operation.DELETE ? "  - " : "  + ") + r.type() + " " + r.data()));
            if (r.via() != null) {
                out.add(new Line(Kind.TARGET, "  in the directory: " + r.via().operation().name().toLowerCase(
                        Locale.ROOT).replace('_', ' ') + " " + r.via().dn()));
                for (AttributeChange a : r.via().attributes()) {
                    attribute(out, a);
                }
            }
        } else if (c instanceof FileChange f) {
            file(out, f, prefix);
        } else if (c instanceof ManualItem m) {
            out.add(new Line(Kind.MANUAL, "By hand (the console cannot do this): " + m.text()));
        } else {
            out.add(new Line(Kind.HEADING, prefix + c.describe()));
        }
    }

    private static void directory(List<Line> out, DirectoryChange d, String prefix) {
        String verb = switch (d.operation()) {
            case MODIFY -> "modify entry";
            case ADD -> "create entry";
            case DELETE -> "delete entry";
            case DELETE_TREE -> "delete entry and everything below it";
        };
        out.add(new Line(Kind.HEADING, prefix + verb + (d.note().isEmpty() ? "" : " (" + d.note() + ")")));
        out.add(new Line(Kind.TARGET, "  " + d.dn()));
        for (AttributeChange a : d.attributes()) {
            switch (d.operation()) {
                case MODIFY -> attribute(out, a);
                case ADD -> values(out, Kind.ADDED, a.name(), a.newValues().isEmpty() ? a.oldValues() : a.newValues(),
                        a.binary());
                case DELETE, DELETE_TREE -> values(out, Kind.REMOVED, a.name(), a.oldValues().isEmpty() ? a
                        .newValues() : a.oldValues(), a.binary());
            }
        }
    }

    /** An attribute of a modify: old values out, new values in. */
    private static void attribute(List<Line> out, AttributeChange a) {
        switch (a.operation()) {
            case REPLACE -> {
                values(out, Kind.REMOVED, a.name(), a.oldValues(), a.binary());
                values(out, Kind.ADDED, a.name(), a.newValues(), a.binary());
            }
            case ADD_VALUES -> values(out, Kind.ADDED, a.name(), a.newValues(), a.binary());
            case DELETE_VALUES -> values(out, Kind.REMOVED, a.name(), a.newValues(), a.binary());
        }
    }

    private static void values(List<Line> out, Kind kind, String name, List<String> values, boolean binary) {
        String sign = kind == Kind.REMOVED ? "  - " : "  + ";
        if (values.isEmpty()) {
            out.add(new Line(kind, sign + name + ": (none)"));
            return;
        }
        for (String v : values) {
            out.add(new Line(kind, sign + name + ": " + value(v, binary)));
        }
    }

    /** A value as shown: binary values as "(binary, N bytes) base64…", long ones cut. */
    static String value(String v, boolean binary) {
        if (binary) {
            int bytes = v.length() / 4 * 3 - (v.endsWith("==") ? 2 : v.endsWith("=") ? 1 : 0);
            return "(binary, " + bytes + " bytes) " + (v.length() > 24 ? v.substring(0, 24) + "\u2026" : v);
        }
        String clean = v.replace("\r", "\\r").replace("\n", "\\n");
        return clean.length() > MAX_VALUE ? clean.substring(0, MAX_VALUE) + "\u2026 (" + v.length() + " characters)"
                : clean;
    }

    private static void file(List<Line> out, FileChange f, String prefix) {
        String verb = switch (f.operation()) {
            case CREATE -> "create file";
            case REPLACE -> "replace file";
            case DELETE -> "delete file";
            case CREATE_FOLDER -> "create folder";
            case DELETE_FOLDER -> "delete folder and everything in it";
        };
        out.add(new Line(Kind.HEADING, prefix + verb + (f.note().isEmpty() ? "" : " (" + f.note() + ")")));
        out.add(new Line(Kind.TARGET, "  \\\\" + f.server() + "\\" + f.share() + "\\" + f.path().replace('/', '\\')));
        if (f.oldSha256() != null) {
            out.add(new Line(Kind.REMOVED, "  - the file as read, SHA-256 " + f.oldSha256()));
        }
        if (f.newContent() != null) {
            out.add(new Line(Kind.ADDED, "  + new content, " + f.newContent().length + " bytes"));
        }
    }
}
