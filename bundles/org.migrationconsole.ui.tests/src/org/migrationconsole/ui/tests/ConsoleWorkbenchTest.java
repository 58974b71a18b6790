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
                // the product's application (plugin.xml of org.migrationconsole.ui), by name: its class is
                // internal to e4, and the build refuses discouraged access
                org.eclipse.equinox.app.IApplication app = (org.eclipse.equinox.app.IApplication) e4Application();
                app.start(new TestApplicationContext());
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

    @Test
    void theModelProcessorBuildsEveryStepsPartsWithTheirHandlersAndArtifactButtons() throws Exception {
        List<String> found = onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            org.eclipse.e4.ui.model.application.MApplication app = window.getContext().get(
                    org.eclipse.e4.ui.model.application.MApplication.class);
            List<String> out = new ArrayList<>();
            for (org.eclipse.e4.ui.model.application.descriptor.basic.MPartDescriptor d : app.getDescriptors()) {
                if (d.getTags().contains(StepParts.CHECKLIST_TAG)) {
                    List<String> items = new ArrayList<>();
                    d.getToolbar().getChildren().forEach(i -> items.add(
                            ((org.eclipse.e4.ui.model.application.ui.menu.MToolItem) i).getLabel()));
                    out.add(d.getPersistedState().get(StepParts.STEP_ID) + ": " + d.getHandlers().size()
                            + " handlers, " + String.join(", ", items));
                }
            }
            return out;
        });
        assertEquals(8, found.size(), found.toString());
        String common = "7 handlers, Start, Complete, Skip, Failed, Reset, Add note, Notes and inputs, Run checks";
        assertEquals("prepare: " + common, found.get(0));
        assertEquals("install: " + common + ", Answer file cfg.ini\u2026, The path B script\u2026", found.get(1));
        assertEquals("bpa: " + common, found.get(7));
    }

    @Test
    void theArtifactEditorServesTheAnswerFileFieldsRulesWriteAndWipe() throws Exception {
        java.nio.file.Path usb = java.nio.file.Files.createTempDirectory("mc-ui-usb-");
        onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            org.migrationconsole.ui.step.OpenArtifactHandler.open(window.getContext().get(EPartService.class),
                    "install.answer-file");
            return null;
        });
        Text server = waitFor("the ServerName field", () -> onUi(() -> {
            Text t = find(shell, Text.class, "artifact:InitialConfiguration/ServerName");
            return t != null && t.isVisible() ? t : null;
        }));
        // every key of the catalog is a field; the password is masked
        assertTrue(onUi(() -> (find(shell, Text.class, "artifact:InitialConfiguration/PlainTextPassword").getStyle()
                & org.eclipse.swt.SWT.PASSWORD) != 0));
        assertNotNull(onUi(() -> find(shell, Combo.class, "artifact:encoding")));
        assertNotNull(onUi(() -> find(shell, Text.class, "artifact:PostOSInstall/StaticIPv4Gateway")));
        // a broken rule is shown while typing, with the key and the rule's id
        onUi(() -> {
            server.setText("12345");
            return null;
        });
        String problem = onUi(() -> find(shell, org.eclipse.swt.widgets.Label.class,
                "artifact:InitialConfiguration/ServerName:problem").getText());
        assertTrue(problem.contains("ServerName") && problem.contains("[computer-name]"), problem);
        String status = onUi(() -> find(shell, org.eclipse.swt.widgets.Label.class, "artifact:status").getText());
        assertTrue(status.contains("ServerName [computer-name]"), status);
        screenshot("artifact-editor-broken-rule");
        // fill in a valid form, then write
        onUi(() -> {
            set("artifact:InitialConfiguration/ServerName", "UITEST01");
            set("artifact:InitialConfiguration/NetbiosName", "CONTOSO");
            set("artifact:InitialConfiguration/DNSName", "contoso.local");
            set("artifact:InitialConfiguration/UserName", "MigAdmin");
            set("artifact:InitialConfiguration/PlainTextPassword", "Ui-Test-Passw0rd");
            set("artifact:InitialConfiguration/AcceptEula", "true");
            set("artifact:folder", usb.toString());
            return null;
        });
        assertEquals("", onUi(() -> find(shell, org.eclipse.swt.widgets.Label.class,
                "artifact:InitialConfiguration/ServerName:problem").getText()));
        assertEquals("All rules pass.", onUi(() -> find(shell, org.eclipse.swt.widgets.Label.class, "artifact:status")
                .getText()));
        press("artifact:write", "Plain-text secret");
        waitFor("the written file", () -> java.nio.file.Files.exists(usb.resolve("cfg.ini")) && onUi(() -> find(shell,
                org.eclipse.swt.widgets.Label.class, "artifact:status").getText().startsWith("Wrote")) ? Boolean.TRUE
                        : null);
        byte[] bytes = java.nio.file.Files.readAllBytes(usb.resolve("cfg.ini"));
        assertEquals((byte) 0xFF, bytes[0]);
        assertEquals((byte) 0xFE, bytes[1]);
        String text = new String(bytes, 2, bytes.length - 2, java.nio.charset.StandardCharsets.UTF_16LE);
        assertTrue(text.contains("ServerName=UITEST01\r\n") && text.contains("AcceptEula=true\r\n"), text);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(usb.resolve("cfg.ini"))));
        screenshot("artifact-editor");
        // wipe
        press("artifact:wipe", "Wipe cfg.ini");
        waitFor("the wiped file", () -> !java.nio.file.Files.exists(usb.resolve("cfg.ini")) && onUi(() -> find(shell,
                org.eclipse.swt.widgets.Label.class, "artifact:status").getText().startsWith("Overwrote"))
                        ? Boolean.TRUE : null);
        String journal = String.join("\n", stateService().journal().stream().map(e -> String.valueOf(e.note()))
                .toList());
        assertTrue(journal.contains("cfg.ini written to") && journal.contains("overwritten"), journal);
        assertTrue(!journal.contains("Ui-Test-Passw0rd"), "no password in the journal");
    }

    /** Sets a text field or selects a combo item by the widget id. */
    private static void set(String id, String value) {
        Text t = find(shell, Text.class, id);
        if (t != null) {
            t.setText(value);
            return;
        }
        Combo c = find(shell, Combo.class, id);
        c.select(c.indexOf(value));
        c.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
    }

    /** Presses a button that opens a confirmation dialog titled {@code dialog}, and confirms it. */
    private static void press(String id, String dialog) throws InterruptedException {
        display.asyncExec(() -> find(shell, org.eclipse.swt.widgets.Button.class, id).notifyListeners(
                org.eclipse.swt.SWT.Selection, new Event()));
        org.eclipse.swt.widgets.Button ok = waitFor("the dialog '" + dialog + "'", () -> onUi(() -> {
            for (Shell s : display.getShells()) {
                if (s != shell && s.isVisible() && dialog.equals(s.getText())) {
                    return button(s, "OK");
                }
            }
            return null;
        }));
        onUi(() -> {
            ok.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            return null;
        });
    }

    private static org.eclipse.swt.widgets.Button button(Control root, String label) {
        if (root instanceof org.eclipse.swt.widgets.Button b && label.equals(b.getText().replace("&", ""))) {
            return b;
        }
        if (root instanceof Composite c) {
            for (Control child : c.getChildren()) {
                org.eclipse.swt.widgets.Button found = button(child, label);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Test
    void theFindingsViewListsFailuresFirstWithACountPerSeverity() throws Exception {
        MigrationStateService state = stateService();
        Instant at = Instant.parse("2026-11-25T09:00:00Z");
        new RunStore(state.workspace().directory()).save(new CheckRun(at, "order test", List.of(
                outcome("a.error-pass", Severity.ERROR, CheckResult.pass("fine", List.of()), at),
                outcome("b.info-fail", Severity.INFO, CheckResult.fail("3 logon-script users",
                        List.of("jsmith", "mjones", "akhan"), "Clear scriptPath after the move"), at),
                outcome("c.warning-skipped", Severity.WARNING, CheckResult.skipped("no destination yet", List.of()), at),
                outcome("d.warning-fail", Severity.WARNING, CheckResult.fail("2 XP clients",
                        List.of("WS-XP01: Windows XP Professional", "WS-XP02: Windows XP Professional"),
                        "Upgrade or replace them before the migration"), at),
                outcome("e.error-fail", Severity.ERROR, CheckResult.fail("OU=MyBusiness is missing",
                        List.of("searched OU=MyBusiness,DC=contoso,DC=local: no such object (LDAP 32)"),
                        "Recreate the MyBusiness OU tree, then run the checks again"), at),
                outcome("f.info-pass", Severity.INFO, CheckResult.pass("fine", List.of()), at)), false));
        state.recordEvent("checks", "order test results stored");
        onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            window.getContext().get(EPartService.class).showPart("org.migrationconsole.ui.part.findings",
                    EPartService.PartState.ACTIVATE);
            Combo step = find(shell, Combo.class, "findings-step");
            step.select(0);
            step.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            return null;
        });
        Table findings = waitFor("the findings table with 6 rows", () -> onUi(() -> {
            Table t = find(shell, Table.class, "findings");
            return t != null && t.getItemCount() == 6 ? t : null;
        }));
        List<String> ids = onUi(() -> {
            List<String> out = new ArrayList<>();
            for (TableItem i : findings.getItems()) {
                out.add(i.getText(2));
            }
            return out;
        });
        assertEquals(List.of("e.error-fail", "d.warning-fail", "b.info-fail", "a.error-pass", "f.info-pass",
                "c.warning-skipped"), ids, "error, warning, info; passed and skipped last");
        List<String> counts = onUi(() -> {
            List<String> out = new ArrayList<>();
            for (String k : List.of("error", "warning", "info", "pass", "skipped")) {
                out.add(find(shell, org.eclipse.swt.widgets.Label.class, "findings-count:" + k).getText());
            }
            return out;
        });
        assertEquals(List.of("1 error", "1 warning", "1 info", "2 passed", "1 skipped"), counts);
        int[] widths = onUi(() -> {
            findings.setSelection(0);
            findings.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            shell.setBounds(0, 0, 1280, 800);
            shell.layout(true, true);
            return new int[] { find(shell, Text.class, "findings-details").getSize().x, findings.getSize().x };
        });
        assertTrue(widths[0] >= 0.8 * widths[1], "the detail pane is about as wide as the table: " + widths[0]
                + " vs " + widths[1]);
        screenshot("findings");
    }

    @Test
    void theDashboardDrawsProgressByStepFindingsBySeverityAndTheClocks() throws Exception {
        MigrationStateService state = stateService();
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        new RunStore(state.workspace().directory()).save(new CheckRun(at, "dashboard test", List.of(
                outcome("a.error-fail", Severity.ERROR, CheckResult.fail("missing", List.of(), "fix it"), at),
                outcome("b.warning-fail", Severity.WARNING, CheckResult.fail("2 XP clients", List.of(), "upgrade"), at),
                outcome("c.info-pass", Severity.INFO, CheckResult.pass("fine", List.of()), at)), false));
        state.recordEvent("checks", "dashboard test results stored");
        onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            window.getContext().get(EPartService.class).showPart("org.migrationconsole.ui.part.dashboard",
                    EPartService.PartState.ACTIVATE);
            shell.setBounds(0, 0, 1280, 800);
            return null;
        });
        List<String> expected = new ArrayList<>();
        int n = 1;
        for (var s : state.steps()) {
            expected.add(n++ + ". " + s.step().title() + " | " + s.done() + " of " + s.total() + " done");
        }
        String steps = waitFor("the progress-by-step chart showing " + expected, () -> onUi(() -> {
            Control c = find(shell, org.eclipse.swt.widgets.Canvas.class, "dashboard-steps");
            return c != null && c.isVisible() && c.getSize().y > 100
                    && String.join("\n", expected).equals(c.getToolTipText()) ? c.getToolTipText() : null;
        }));
        assertEquals(8, steps.split("\n").length);
        String clocks = onUi(() -> find(shell, org.eclipse.swt.widgets.Canvas.class, "dashboard-clocks")
                .getToolTipText());
        assertEquals(3, clocks.split("\n").length, clocks);
        assertTrue(clocks.contains("Both servers side by side (21 days) | "), clocks);
        String findings = waitFor("the findings chart of the stored run", () -> onUi(() -> {
            Control c = find(shell, org.eclipse.swt.widgets.Canvas.class, "dashboard-findings");
            return c == null || !c.getToolTipText().startsWith("Errors | 1\nWarnings | 1") ? null : c.getToolTipText();
        }));
        assertEquals("Errors | 1\nWarnings | 1\nInfo | 0\nPassed | 1\nSkipped | 0", findings);
        screenshot("dashboard");
    }

    @Test
    void theBpaViewShowsARunAgainstTheOneBeforeNewStillOpenAndResolved() throws Exception {
        MigrationStateService state = stateService();
        java.nio.file.Path runs = state.workspace().directory().resolve("bpa/runs");
        java.nio.file.Files.createDirectories(runs);
        // two runs in the format the analyzer keeps (bpa/runs/<id>.json); the rules ran in the lab test
        java.nio.file.Files.writeString(runs.resolve("2026-11-30T09-00-00Z.json"), bpaRun("2026-11-30T09:00:00Z",
                bpaFinding("bpa.dns.ns-records", "warning", "fail", "1 name server record(s) are wrong"),
                bpaFinding("bpa.gpo.links", "warning", "fail", "1 link(s) to GPOs that no longer exist"),
                bpaFinding("bpa.accounts.guest", "warning", "pass", "Guest is disabled")));
        java.nio.file.Files.writeString(runs.resolve("2026-12-01T09-00-00Z.json"), bpaRun("2026-12-01T09:00:00Z",
                bpaFinding("bpa.dns.ns-records", "warning", "fail", "1 name server record(s) are wrong"),
                bpaFinding("bpa.gpo.links", "warning", "pass", "4 link(s), every one to an existing GPO"),
                bpaFinding("bpa.accounts.guest", "warning", "fail", "Guest is enabled"),
                bpaFinding("bpa.directory.tombstone-lifetime", "error", "fail", "Tombstone lifetime is 60 days")));
        onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            window.getContext().get(EPartService.class).showPart("org.migrationconsole.step.bpa.ui.part.analyzer",
                    EPartService.PartState.ACTIVATE);
            return null;
        });
        Table table = waitFor("the BPA view with the latest run's 4 findings", () -> onUi(() -> {
            Table t = find(shell, Table.class, "bpa-findings");
            return t != null && t.getItemCount() == 4 ? t : null;
        }));
        List<String> rows = onUi(() -> {
            List<String> out = new ArrayList<>();
            for (TableItem i : table.getItems()) {
                out.add(i.getText(0) + "|" + i.getText(3));
            }
            return out;
        });
        assertEquals(List.of("new|bpa.directory.tombstone-lifetime", "new|bpa.accounts.guest",
                "still open|bpa.dns.ns-records", "resolved|bpa.gpo.links"), rows, "open first, error before warning");
        String summary = onUi(() -> find(shell, org.eclipse.swt.widgets.Label.class, "bpa-summary").getText());
        assertTrue(summary.contains("2 new, 1 resolved, 1 still open"), summary);
        String details = onUi(() -> {
            table.setSelection(0);
            table.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            return find(shell, Text.class, "bpa-details").getText();
        });
        assertTrue(details.contains("Remedy: fix bpa.directory.tombstone-lifetime") && details.contains("read bpa"),
                details);
        screenshot("bpa-view");
    }

    private static String bpaRun(String at, String... findings) {
        return "{\"id\": \"" + at.replace(':', '-') + "\", \"startedAt\": \"" + at + "\", \"origin\": \"console\","
                + " \"destination\": \"newdc.contoso.local\", \"server\": \"newdc.contoso.local (10.99.0.11)\","
                + " \"canceled\": false, \"findings\": [" + String.join(", ", findings) + "]}";
    }

    private static String bpaFinding(String id, String severity, String status, String message) {
        boolean open = status.equals("fail");
        return "{\"id\": \"" + id + "\", \"title\": \"Rule " + id + "\", \"category\": \"DNS\", \"severity\": \""
                + severity + "\", \"status\": \"" + status + "\", \"message\": \"" + message + "\", \"evidence\": [\"read "
                + id + "\"], \"remedy\": \"" + (open ? "fix " + id : "") + "\"}";
    }

    private static CheckOutcome outcome(String id, Severity severity, CheckResult r, Instant at) {
        return new CheckOutcome(id, "Check " + id, "prepare", null, severity, r, at, 3);
    }

    /** The screen at 1280x800 as a PNG in target/screenshots (ImageMagick's import). */
    private static void screenshot(String name) throws Exception {
        onUi(() -> {
            shell.setBounds(0, 0, 1280, 800);
            shell.layout(true, true);
            shell.update();
            return null;
        });
        Thread.sleep(500);
        java.nio.file.Path dir = java.nio.file.Path.of("target", "screenshots");
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Path png = dir.resolve(name + ".png");
        Process p = new ProcessBuilder("import", "-window", "root", "-crop", "1280x800+0+0", png.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "import failed: " + out);
        assertTrue(java.nio.file.Files.size(png) > 10_000, "screenshot " + png);
    }

    // ------------------------------------------------------------------ helpers

    /** A new instance of the e4 workbench application, loaded from its bundle. */
    private static Object e4Application() throws Exception {
        for (org.osgi.framework.Bundle b : FrameworkUtil.getBundle(ConsoleWorkbenchTest.class).getBundleContext()
                .getBundles()) {
            if ("org.eclipse.e4.ui.workbench.swt".equals(b.getSymbolicName())) {
                return b.loadClass("org.eclipse.e4.ui.internal.workbench.swt.E4Application").getDeclaredConstructor()
                        .newInstance();
            }
        }
        throw new IllegalStateException("org.eclipse.e4.ui.workbench.swt is not installed");
    }

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
