package org.migrationconsole.actions.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.migrationconsole.actions.ActionService;
import org.migrationconsole.actions.ChangeRecord;
import org.migrationconsole.api.action.ActionPlan;
import org.migrationconsole.api.action.AttributeChange;
import org.migrationconsole.api.action.Change;
import org.migrationconsole.api.action.DirectoryChange;
import org.migrationconsole.api.action.DnsRecordChange;
import org.migrationconsole.api.action.FileChange;
import org.migrationconsole.api.action.ManualItem;
import org.migrationconsole.report.Block;
import org.migrationconsole.report.ReportContext;
import org.migrationconsole.report.ReportSectionContributor;
import org.migrationconsole.report.Section;
import org.migrationconsole.report.Tone;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The report's "Server changes" section (order {@link #SERVER_CHANGES}): every change the console
 * made, with its state (applied and verified, undone, or half-way), then for each one what it
 * changed, before and after, as its plan recorded it. Nothing when no change was made. Values
 * come from the directory and SYSVOL (no secret is ever part of a plan); long ones are cut and
 * binary ones shown by size.
 */
@Component(service = ReportSectionContributor.class)
public class ServerChangesReportSection implements ReportSectionContributor {

    private static final int MAX_VALUE = 160;

    @Reference
    private ActionService actions;

    @Override
    public int order() {
        return SERVER_CHANGES;
    }

    @Override
    public List<Section> sections(ReportContext context) {
        List<ChangeRecord> changes = new ArrayList<>(actions.changes());
        if (changes.isEmpty()) {
            return List.of();
        }
        changes.sort(java.util.Comparator.comparing(ChangeRecord::startedAt));
        int undone = 0;
        int standing = 0;
        int attention = 0;
        List<Block.Row> rows = new ArrayList<>();
        for (ChangeRecord c : changes) {
            Tone tone = switch (c.state()) {
                case APPLIED -> Tone.GOOD;
                case UNDONE -> Tone.MUTED;
                case VERIFY_FAILED -> Tone.WARNING;
                default -> Tone.BAD;
            };
            if (c.state() == ChangeRecord.State.UNDONE) {
                undone++;
            } else if (c.state().needsAttention()) {
                attention++;
            } else {
                standing++;
            }
            rows.add(new Block.Row(List.of(context.format(c.startedAt()), c.title() + " (" + c.actionId() + ")",
                    c.applied() + " of " + c.total(), state(c), c.id()), tone));
        }
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Facts(List.of(new Block.Fact("Changes made", Integer.toString(changes.size())),
                new Block.Fact("In force", Integer.toString(standing)),
                new Block.Fact("Undone", Integer.toString(undone)),
                new Block.Fact("Half-way (resume or undo)", Integer.toString(attention)))));
        if (attention > 0) {
            blocks.add(new Block.Callout(Tone.BAD, "A change stopped half-way",
                    "Resume or undo it (Changes view, or 'change resume|undo ID') before the migration goes on."));
        }
        blocks.add(new Block.Table(List.of("Started", "Action", "Applied", "State", "Change"), List.of(2, 4, 1, 3,
                3), rows, "no server change"));
        for (ChangeRecord c : changes) {
            Optional<ActionPlan> plan = actions.changePlan(c.id());
            List<Block.Row> what = new ArrayList<>();
            plan.ifPresent(p -> {
                for (Change ch : p.changes()) {
                    rows(what, ch);
                }
            });
            blocks.add(new Block.Heading(c.title() + " — " + state(c)));
            blocks.add(new Block.Table(List.of("What", "Before", "After"), List.of(4, 3, 3), what,
                    "the plan of this change is not in the workspace"));
            if (!c.problems().isEmpty()) {
                blocks.add(new Block.Callout(Tone.WARNING, "Found by the verification or the undo",
                        String.join("; ", c.problems())));
            }
        }
        return List.of(new Section("server-changes", "Server changes", "Every change the console made to the"
                + " servers, backed up first and journalled; what each changed, before and after, and whether it"
                + " was undone.", blocks));
    }

    private static String state(ChangeRecord c) {
        return switch (c.state()) {
            case APPLIED -> "applied and verified";
            case UNDONE -> "undone (" + c.undone() + " of " + c.total() + " restored)";
            case VERIFY_FAILED -> "applied, verification found differences";
            case INTERRUPTED -> "interrupted after " + c.applied() + " of " + c.total();
            case FAILED -> "stopped after " + c.applied() + " of " + c.total() + ": " + c.message();
            case UNDO_INTERRUPTED -> "undo interrupted";
        };
    }

    private static void rows(List<Block.Row> out, Change ch) {
        if (ch instanceof DirectoryChange d) {
            String verb = switch (d.operation()) {
                case MODIFY -> "modify";
                case ADD -> "create";
                case DELETE -> "delete";
                case DELETE_TREE -> "delete with everything below";
            };
            String before = switch (d.operation()) {
                case ADD -> "(absent)";
                case MODIFY -> "";
                case DELETE, DELETE_TREE -> "present";
            };
            String after = switch (d.operation()) {
                case ADD -> "created";
                case MODIFY -> "";
                case DELETE, DELETE_TREE -> "(absent)";
            };
            out.add(new Block.Row(List.of(verb + " " + d.dn(), before, after), Tone.NEUTRAL));
            if (d.operation() == DirectoryChange.Operation.MODIFY) {
                for (AttributeChange a : d.attributes()) {
                    out.add(new Block.Row(List.of("    " + a.name(), values(a.oldValues(), a.binary()),
                            after(a)), Tone.NEUTRAL));
                }
            }
        } else if (ch instanceof DnsRecordChange r) {
            String name = "@".equals(r.name()) ? r.zone() : r.name() + "." + r.zone();
            boolean delete = r.operation() == DnsRecordChange.Operation.DELETE;
            out.add(new Block.Row(List.of("DNS " + r.type() + " " + name, delete ? cut(r.data()) : "(absent)",
                    delete ? "(absent)" : cut(r.data())), Tone.NEUTRAL));
        } else if (ch instanceof FileChange f) {
            String path = "\\\\" + f.server() + "\\" + f.share() + "\\" + f.path().replace('/', '\\');
            String before = f.oldSha256() == null ? "(absent)" : "SHA-256 " + f.oldSha256().substring(0,
                    Math.min(16, f.oldSha256().length())) + "…";
            String after = f.newContent() == null ? "(deleted)" : f.newContent().length + " bytes";
            out.add(new Block.Row(List.of(f.operation().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " " + path, before, after), Tone.NEUTRAL));
        } else if (ch instanceof ManualItem m) {
            out.add(new Block.Row(List.of("by hand: " + cut(m.text()), "", ""), Tone.WARNING));
        } else {
            out.add(new Block.Row(List.of(cut(ch.describe()), "", ""), Tone.NEUTRAL));
        }
    }

    private static String after(AttributeChange a) {
        return switch (a.operation()) {
            case REPLACE -> values(a.newValues(), a.binary());
            case ADD_VALUES -> "+ " + values(a.newValues(), a.binary());
            case DELETE_VALUES -> "− " + values(a.newValues(), a.binary());
        };
    }

    private static String values(List<String> values, boolean binary) {
        if (values.isEmpty()) {
            return "(none)";
        }
        if (binary) {
            return values.size() + " binary value" + (values.size() == 1 ? "" : "s");
        }
        return cut(String.join("; ", values));
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() <= MAX_VALUE ? s : s.substring(0, MAX_VALUE) + "…";
    }
}
