package org.migrationconsole.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.migrationconsole.api.check.CheckOutcome;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.CheckRun;
import org.migrationconsole.api.check.Severity;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.connect.internal.RunStore;
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
    void theHelpMenuOffersInstallNewStepsAndCheckForUpdatesWithHandlers() throws Exception {
        List<String> found = onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            org.eclipse.e4.ui.workbench.modeling.EModelService models = window.getContext().get(
                    org.eclipse.e4.ui.workbench.modeling.EModelService.class);
            org.eclipse.e4.ui.model.application.MApplication app = window.getContext().get(
                    org.eclipse.e4.ui.model.application.MApplication.class);
            List<String> out = new ArrayList<>();
            for (String id : List.of("org.migrationconsole.ui.menuitem.installsteps",
                    "org.migrationconsole.ui.menuitem.checkupdates")) {
                for (org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem item : models.findElements(window,
                        id, org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem.class, null,
                        org.eclipse.e4.ui.workbench.modeling.EModelService.IN_MAIN_MENU)) {
                    String command = item.getCommand().getElementId();
                    boolean handled = app.getHandlers().stream().anyMatch(h -> h.getCommand() == item.getCommand()
                            && h.getContributionURI().endsWith(command.endsWith(".install") ? "InstallStepsHandler"
                                    : "CheckForUpdatesHandler"));
                    out.add(item.getLabel() + " | " + command + " | " + handled);
                }
            }
            return out;
        });
        assertEquals(List.of("&Install new steps… | org.migrationconsole.command.steps.install | true",
                "Check for &updates | org.migrationconsole.command.steps.update | true"), found);
    }

    @Test
    void theProfileEditorOffersKerberosByDefaultAndWarnsAboutPlainLdap() throws Exception {
        org.eclipse.e4.ui.model.application.ui.basic.MPart part = onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            return window.getContext().get(EPartService.class).showPart("org.migrationconsole.ui.part.profile",
                    EPartService.PartState.ACTIVATE);
        });
        Combo security = waitFor("the LDAP protection choice", () -> onUi(() -> find(shell, Combo.class,
                "profile:source.ldap.security")));
        List<String> seen = onUi(() -> {
            org.eclipse.swt.widgets.Label warning = find(shell, org.eclipse.swt.widgets.Label.class,
                    "profile:plain-warning");
            List<String> out = new ArrayList<>();
            out.add(String.join(",", security.getItems()));
            out.add(security.getText());
            out.add(warning.getText());
            security.setText("plain");
            security.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            out.add(warning.getText());
            security.setText("kerberos");
            security.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            out.add(warning.getText());
            part.setDirty(false);
            MWindow window = (MWindow) shell.getData("modelElement");
            window.getContext().get(EPartService.class).hidePart(part, true);
            return out;
        });
        assertEquals("kerberos,ldaps,starttls,plain", seen.get(0));
        assertEquals("kerberos", seen.get(1), "no certificate in the profile: Kerberos, as a stock SBS 2003 needs");
        assertEquals("", seen.get(2));
        assertTrue(seen.get(3).contains("clear text") && seen.get(3).contains("password"), seen.get(3));
        assertEquals("", seen.get(4), "the warning goes when plain is no longer chosen");
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
        int before = state.journal().size();
        waitFor("the journal part to show every record", () -> onUi(
                () -> find(shell, Table.class, "journal").getItemCount() == before ? Boolean.TRUE : null));

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

    @Test
    void theFindingsViewSortsBySeverityFiltersByStepAndShowsEvidenceAndRemedy() throws Exception {
        MigrationStateService state = stateService();
        // a stored run in the workspace's format; this test is about the view, the checks
        // themselves run against the lab in the product tests
        Instant at = Instant.parse("2026-11-24T10:00:00Z");
        new RunStore(state.workspace().directory()).save(new CheckRun(at, "view test", List.of(
                new CheckOutcome("clients.connector-eligibility", "Clients can run the Connector", "join", null,
                        Severity.WARNING, CheckResult.fail("2 clients run Windows XP or Vista",
                                List.of("WS-XP01: Windows XP Professional"), "Replace or upgrade them"), at, 5),
                new CheckOutcome("domain.mybusiness-ou", "MyBusiness OU exists", "prepare", "prepare.support-tools",
                        Severity.ERROR, CheckResult.fail("OU=MyBusiness is missing", List.of("searched DC=contoso"),
                                "Recreate the MyBusiness OU tree"), at, 7),
                new CheckOutcome("dhcp.on-source", "DHCP", "prepare", null, Severity.INFO,
                        CheckResult.pass("The source is an authorized DHCP server", List.of("CN=DhcpRoot")), at,
                        4)), false));
        state.recordEvent("checks", "view test results stored");
        onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            window.getContext().get(EPartService.class).showPart("org.migrationconsole.ui.part.findings",
                    EPartService.PartState.ACTIVATE);
            return null;
        });
        Table findings = waitFor("the findings table with 3 rows", () -> onUi(() -> {
            Table t = find(shell, Table.class, "findings");
            return t != null && t.getItemCount() == 3 ? t : null;
        }));
        Supplier<List<String>> rows = () -> {
            List<String> ids = new ArrayList<>();
            for (TableItem i : findings.getItems()) {
                ids.add(i.getText(0) + ":" + i.getText(2));
            }
            return ids;
        };
        List<String> bySeverity = List.of("error:domain.mybusiness-ou", "warning:clients.connector-eligibility",
                "info:dhcp.on-source");
        assertEquals(bySeverity, onUi(rows), "errors first by default");
        List<String> reversed = onUi(() -> {
            findings.getColumn(0).notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            return rows.get();
        });
        assertEquals(bySeverity.reversed(), reversed, "a click on Severity reverses the order");
        onUi(() -> {
            findings.getColumn(0).notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            return null;
        });
        String details = onUi(() -> {
            findings.setSelection(0);
            findings.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            return find(shell, Text.class, "findings-details").getText();
        });
        assertTrue(details.contains("Evidence:") && details.contains("searched DC=contoso")
                && details.contains("Remedy:") && details.contains("Recreate the MyBusiness OU tree")
                && details.contains("Gates task prepare.support-tools"), details);
        int joinOnly = onUi(() -> {
            Combo step = find(shell, Combo.class, "findings-step");
            step.select(3);
            step.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            return findings.getItemCount();
        });
        assertEquals(1, joinOnly, "step 3 (join) has one finding");
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
