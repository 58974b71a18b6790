package org.migrationconsole.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.ui.step.StepParts;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Starts the real console workbench (the product's Application.e4xmi, the step plug-ins' model
 * fragments, the DS state service) on a display, and drives its SWT widgets directly.
 */
class ConsoleWorkbenchTest {

    private static final long TIMEOUT_MS = 60_000;
    private static Thread uiThread;
    private static final AtomicReference<Throwable> crashed = new AtomicReference<>();
    private static Display display;
    private static Shell shell;

    @BeforeAll
    static void startWorkbench() throws Exception {
        assertNotNull(System.getenv("DISPLAY"), "needs a display; the README's test command starts Xvfb");
        uiThread = new Thread(() -> {
            try {
                new E4Application().start(new TestApplicationContext());
            } catch (Throwable t) {
                crashed.set(t);
            }
        }, "console-ui");
        uiThread.setDaemon(true);
        uiThread.start();
        display = waitFor("the display", () -> Display.findDisplay(uiThread));
        shell = waitFor("the main window with the navigator", () -> onUi(() -> {
            for (Shell s : display.getShells()) {
                if (s.isVisible() && find(s, Table.class, "navigator") != null) {
                    return s;
                }
            }
            return null;
        }));
    }

    @AfterAll
    static void closeWorkbench() throws Exception {
        if (shell != null) {
            display.syncExec(() -> {
                MWindow window = (MWindow) shell.getData("modelElement");
                window.getContext().get(IWorkbench.class).close();
            });
            uiThread.join(TIMEOUT_MS);
        }
        assertNull(crashed.get(), () -> "the workbench failed: " + crashed.get());
    }

    @Test
    void theNavigatorListsTheEightStepsInOrderWithProgress() throws Exception {
        List<String> rows = onUi(() -> {
            List<String> out = new ArrayList<>();
            for (TableItem i : find(shell, Table.class, "navigator").getItems()) {
                out.add(i.getText(0) + " | " + i.getText(1));
            }
            return out;
        });
        assertEquals(8, rows.size(), rows.toString());
        String[] titles = { "Prepare the source server", "Install the destination server",
                "Join computers to the new server", "Move settings and data", "Enable folder redirection",
                "Demote and remove the source server", "Post-migration tasks", "Run the Best Practices Analyzer" };
        for (int i = 0; i < 8; i++) {
            assertTrue(rows.get(i).startsWith((i + 1) + ". " + titles[i] + " | "), rows.get(i));
            assertTrue(rows.get(i).matches(".* \\| \\d+/\\d+"), rows.get(i));
        }
    }

    @Test
    void theStartHandlerChangesTheTaskAndTheJournalPartShowsIt() throws Exception {
        String task = "prepare.time-sync";
        MigrationStateService state = stateService();
        if (state.task(task).orElseThrow().recordedState() != TaskState.NOT_STARTED) {
            state.reset(task, "UI test starts from a clean task");
            // the journal part shows the reset asynchronously: count its rows only once it is there
            waitFor("the reset in the journal part", () -> onUi(() -> {
                Table j = find(shell, Table.class, "journal");
                return j.getItemCount() > 0 && j.getItem(0).getText(3).equals(task)
                        && j.getItem(0).getText(4).endsWith("not-started") ? Boolean.TRUE : null;
            }));
        }
        int before = waitFor("journal rows", () -> onUi(() -> find(shell, Table.class, "journal").getItemCount()));

        onUi(() -> {
            Table nav = find(shell, Table.class, "navigator");
            nav.setSelection(0);
            nav.notifyListeners(org.eclipse.swt.SWT.DefaultSelection, new Event());
            return null;
        });
        Table checklist = waitFor("the Prepare checklist", () -> onUi(() -> {
            Table t = find(shell, Table.class, "checklist:prepare");
            return t != null && t.isVisible() && t.getItemCount() > 0 ? t : null;
        }));
        onUi(() -> {
            for (int i = 0; i < checklist.getItemCount(); i++) {
                if (checklist.getItem(i).getText(3).equals(task)) {
                    checklist.setSelection(i);
                    checklist.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
                    return null;
                }
            }
            throw new AssertionError(task + " not in the checklist");
        });
        ToolItem start = waitFor("an enabled Start button", () -> onUi(() -> {
            for (ToolItem item : allToolItems(shell)) {
                if ("Start".equals(item.getText()) && item.isEnabled() && item.getParent().isVisible()) {
                    return item;
                }
            }
            return null;
        }));
        onUi(() -> {
            start.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            return null;
        });

        String newest = waitFor("a new journal row", () -> onUi(() -> {
            Table j = find(shell, Table.class, "journal");
            if (j.getItemCount() != before + 1) {
                return null;
            }
            TableItem top = j.getItem(0);
            return top.getText(3) + " | " + top.getText(4) + " | " + top.getText(2);
        }));
        assertEquals(task + " | not-started \u2192 in-progress | " + System.getProperty("user.name"), newest);
        assertEquals(TaskState.IN_PROGRESS, state.task(task).orElseThrow().state());
        String stateCell = waitFor("the checklist showing the new state", () -> onUi(() -> {
            for (TableItem i : checklist.getItems()) {
                if (i.getText(3).equals(task) && i.getText(1).equals("in progress")) {
                    return i.getText(1);
                }
            }
            return null;
        }));
        assertEquals("in progress", stateCell);
    }

    // ------------------------------------------------------------------ helpers

    private static MigrationStateService stateService() throws InterruptedException {
        BundleContext bc = FrameworkUtil.getBundle(ConsoleWorkbenchTest.class).getBundleContext();
        ServiceTracker<MigrationStateService, MigrationStateService> t = new ServiceTracker<>(bc,
                MigrationStateService.class, null);
        t.open();
        return t.waitForService(TIMEOUT_MS);
    }

    static <T> T onUi(Supplier<T> s) {
        AtomicReference<T> r = new AtomicReference<>();
        display.syncExec(() -> r.set(s.get()));
        return r.get();
    }

    static <T> T waitFor(String what, Supplier<T> probe) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
        while (System.nanoTime() < end) {
            if (crashed.get() != null) {
                throw new AssertionError("the workbench failed while waiting for " + what, crashed.get());
            }
            T v = probe.get();
            if (v != null) {
                return v;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    static <T extends Control> T find(Control root, Class<T> type, String id) {
        if (type.isInstance(root) && id.equals(root.getData(StepParts.WIDGET_ID))) {
            return type.cast(root);
        }
        if (root instanceof Composite c) {
            for (Control child : c.getChildren()) {
                T found = find(child, type, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    static List<ToolItem> allToolItems(Control root) {
        List<ToolItem> out = new ArrayList<>();
        if (root instanceof ToolBar tb) {
            out.addAll(List.of(tb.getItems()));
        }
        if (root instanceof Composite c) {
            for (Control child : c.getChildren()) {
                out.addAll(allToolItems(child));
            }
        }
        return out;
    }
}
