package org.migrationconsole.ui.internal.parts;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.migrationconsole.api.state.JournalEntry;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StateEvents;
import org.migrationconsole.ui.step.StepParts;
import org.osgi.service.event.Event;

/** The audit trail, newest first, filtered by any text in a record. */
public class JournalPart {

    /** Rows shown at most; the filter searches the whole journal. */
    static final int MAX_ROWS = 2000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    @Inject
    private MigrationStateService state;

    private Text filter;
    private Label count;
    private TableViewer viewer;

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().numColumns(2).margins(4, 4).applyTo(parent);
        filter = new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("Filter by task, user, state or text");
        filter.setData(StepParts.WIDGET_ID, "journal-filter");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(filter);
        filter.addModifyListener(e -> refresh());
        count = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().hint(220, SWT.DEFAULT).applyTo(count);
        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        viewer.getTable().setData(StepParts.WIDGET_ID, "journal");
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(viewer.getControl());
        column("#", 50, e -> Long.toString(e.seq()));
        column("Time (UTC)", 150, e -> e.at() == null ? "" : TIME.format(e.at()));
        column("User", 80, JournalEntry::who);
        column("Task or step", 230, e -> nz(e.taskId()));
        column("Change", 190, JournalPart::change);
        column("Note", 420, e -> nz(e.note()));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        refresh();
    }

    private void column(String header, int width, Function<JournalEntry, String> text) {
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.NONE);
        c.getColumn().setText(header);
        c.getColumn().setWidth(width);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return text.apply((JournalEntry) e);
            }
        });
    }

    static String change(JournalEntry e) {
        return switch (e.type()) {
            case JournalEntry.TRANSITION -> e.from() + " \u2192 " + e.to();
            case JournalEntry.INPUT -> "input saved";
            case JournalEntry.NOTE -> "note";
            default -> e.type();
        };
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static boolean matches(JournalEntry e, String needle) {
        if (needle.isEmpty()) {
            return true;
        }
        String hay = String.join("\u0000", Long.toString(e.seq()), nz(e.who()), nz(e.taskId()), change(e),
                nz(e.note())).toLowerCase(Locale.ROOT);
        return hay.contains(needle);
    }

    @Inject
    @Optional
    void stateChanged(@UIEventTopic(StateEvents.TOPIC_JOURNAL) Event event) {
        refresh();
    }

    private void refresh() {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        List<JournalEntry> all = state.journal();
        String needle = filter.getText().strip().toLowerCase(Locale.ROOT);
        List<JournalEntry> rows = new ArrayList<>();
        int matched = 0;
        for (int i = all.size() - 1; i >= 0; i--) {
            JournalEntry e = all.get(i);
            if (matches(e, needle)) {
                matched++;
                if (rows.size() < MAX_ROWS) {
                    rows.add(e);
                }
            }
        }
        viewer.setInput(rows);
        count.setText(needle.isEmpty() ? all.size() + " records"
                : matched + " of " + all.size() + " records match" + (matched > MAX_ROWS ? " (newest " + MAX_ROWS
                        + " shown)" : ""));
    }

    @Focus
    public void focus() {
        filter.setFocus();
    }
}
