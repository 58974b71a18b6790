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
        // the Changes view may be in front of the journal (an interrupted change at start)
        onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            window.getContext().get(EPartService.class).showPart("org.migrationconsole.ui.part.journal",
                    EPartService.PartState.VISIBLE);
            return null;
        });
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
                // the toolbar shows icons; the words are in the tooltip
                if (item.getToolTipText() != null && item.getToolTipText().startsWith("Mark the selected task in progress")
                        && item.isEnabled() && item.getParent().isVisible()) {
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

    /**
     * Step 3's Clients view (bundle org.migrationconsole.step.join.ui): opened from the button its model
     * fragment adds to step 3's checklist toolbar, it lists the inventory of a stored run (here written
     * in the workspace's format; the inventory itself is read from the lab in the product tests) and
     * marks the selected computer connected through the state service.
     */
    @Test
    void theClientsViewListsTheInventoryAndMarksAComputerConnected() throws Exception {
        MigrationStateService state = stateService();
        Instant at = Instant.now();
        // a name of its own per run: the UI workspace may keep the marks of an earlier run
        String pc = "PC-" + Long.toHexString(at.toEpochMilli() & 0xfffffffL).toUpperCase(java.util.Locale.ROOT);
        String today = at.toString().substring(0, 10);
        String old = at.minus(java.time.Duration.ofDays(200)).toString().substring(0, 10);
        new RunStore(state.workspace().directory()).save(new CheckRun(at, "clients view test", List.of(
                new CheckOutcome("clients.inventory", "Inventory", "join", null, Severity.INFO, CheckResult.pass(
                        "4 computer accounts", List.of(
                                "computer " + pc + " | os Windows 10 Pro | sp - | enabled | member | last logon " + today
                                        + " | password set " + today + " | created " + today
                                        + " | dns pc-new.contoso.local 10.0.0.5 | dn CN=" + pc + ",DC=contoso,DC=local",
                                "computer PC-XP | os Windows XP Professional | sp Service Pack 3 | enabled | member"
                                        + " | last logon " + today + " | password set never | created " + today
                                        + " | dns pc-xp.contoso.local none | dn CN=PC-XP,DC=contoso,DC=local",
                                "computer PC-OLD | os Windows 7 Professional | sp Service Pack 1 | enabled | member"
                                        + " | last logon " + old + " | password set never | created " + old
                                        + " | dns pc-old.contoso.local none | dn CN=PC-OLD,DC=contoso,DC=local",
                                "computer SBS | os Windows Server 2003 | sp Service Pack 2 | enabled | domain"
                                        + " controller | last logon " + today + " | password set never | created "
                                        + old + " | dns sbs.contoso.local 10.0.0.1 | dn CN=SBS,DC=contoso,DC=local")),
                        at, 5)), false));
        state.recordEvent("checks", "clients view test results stored");
        onUi(() -> {
            Table nav = find(shell, Table.class, "navigator");
            nav.setSelection(2);
            nav.notifyListeners(org.eclipse.swt.SWT.DefaultSelection, new Event());
            return null;
        });
        ToolItem clients = waitFor("the Clients button on step 3's toolbar", () -> onUi(() -> {
            for (ToolItem item : allToolItems(shell)) {
                if ("Clients".equals(item.getText()) && item.getParent().isVisible()) {
                    return item;
                }
            }
            return null;
        }));
        onUi(() -> {
            clients.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            return null;
        });
        Table table = waitFor("the clients table with 4 rows", () -> onUi(() -> {
            Table t = find(shell, Table.class, "clients:table");
            return t != null && t.isVisible() && t.getItemCount() == 4 ? t : null;
        }));
        List<String> rows = onUi(() -> {
            List<String> out = new ArrayList<>();
            for (TableItem i : table.getItems()) {
                out.add(i.getText(0) + " | " + i.getText(1) + " | " + i.getText(6));
            }
            return out;
        });
        assertEquals(List.of(pc + " | can run the Connector | not accounted for", "PC-XP | legacy | not accounted for",
                "PC-OLD | stale | not counted", "SBS | domain controller | not counted"), rows);
        String summary = onUi(() -> find(shell, org.eclipse.swt.widgets.Label.class, "clients:summary").getText());
        assertTrue(summary.contains("2 active") && summary.contains("2 left"), summary);
        int before = state.journal().size();
        onUi(() -> {
            table.setSelection(0);
            table.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            find(shell, org.eclipse.swt.widgets.Button.class, "clients:connected").notifyListeners(
                    org.eclipse.swt.SWT.Selection, new Event());
            return null;
        });
        String marked = waitFor("the mark in the table", () -> onUi(() -> {
            TableItem i = table.getItemCount() == 4 ? table.getItem(0) : null;
            return i != null && i.getText(6).equals("connected") ? i.getText(6) : null;
        }));
        assertEquals("connected", marked);
        assertEquals("Computer " + pc + " marked connected", state.journal().get(before).note());
        assertEquals("join.connector", state.journal().get(before).taskId());
        assertTrue(onUi(() -> find(shell, org.eclipse.swt.widgets.Label.class, "clients:summary").getText())
                .contains("1 left"));
        screenshot("clients-view");
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
            return new int[] { find(shell, Text.class, "findings-details").getSize().x, findings.getSize().x,
                    findings.getSize().y, findings.getItemHeight() };
        });
        assertTrue(widths[0] >= 0.8 * widths[1], "the detail pane is about as wide as the table: " + widths[0]
                + " vs " + widths[1]);
        // at 1280x800 the Findings view (in the main stack) shows at least 10 rows
        assertTrue(widths[2] >= 11 * widths[3], "the findings table is " + widths[2] + " px high, rows "
                + widths[3] + " px");
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

    // ------------------------------------------------------------------ server changes (actions)

    /**
     * Preview, apply and undo through the console's widgets, against a real LDAP server (the
     * in-memory one of {@link ActionFixture}: the lab cannot run in this JVM) with the real action
     * engine: the checklist's Preview… shows the plan as a diff, Apply… runs it as a Job and shows
     * the verification, the Changes view lists the change, its Undo… is refused once the server
     * changed since the apply (entry and attribute named) and goes through after Force undo… and a
     * second confirmation.
     */
    @Test
    void previewApplyAndUndoAServerChangeFromTheChecklistAndTheChangesView() throws Exception {
        MigrationStateService state = stateService();
        ActionFixture.CleanupAction action = new ActionFixture.CleanupAction();
        java.nio.file.Path profile = ActionFixture.profile(state.workspace().directory());
        org.osgi.framework.ServiceRegistration<?> reg = FrameworkUtil.getBundle(ConsoleWorkbenchTest.class)
                .getBundleContext().registerService(org.migrationconsole.api.action.MigrationAction.class, action,
                        null);
        try (ActionFixture lab = new ActionFixture()) {
            org.migrationconsole.actions.ActionService engine = actionService();
            waitFor("the engine to track the test action", () -> engine.action(action.id())
                    .isPresent() ? Boolean.TRUE : null);
            int changesBefore = engine.changes().size();
            selectTask("join", ActionFixture.CleanupAction.TASK);
            String line = waitFor("the action's row under the task", () -> onUi(() -> {
                org.eclipse.swt.widgets.Label l = find(shell, org.eclipse.swt.widgets.Label.class, "action-state:"
                        + action.id());
                return l != null && l.isVisible() ? l.getText() : null;
            }));
            assertEquals("no change made yet", line);
            assertEquals(List.of(true, true, false), onUi(() -> List.of("preview:", "apply:", "undo:").stream().map(
                    p -> find(shell, org.eclipse.swt.widgets.Button.class, p + action.id())
                            .isEnabled()).toList()), "Preview and Apply offered, nothing to undo yet");

            // Preview…: the plan, read in a Job, as a diff
            click("preview:" + action.id());
            Shell preview = dialog("Preview: Retire the SBS logon script (UI test)");
            String status = waitFor("the plan", () -> onUi(() -> {
                String t = find(preview, org.eclipse.swt.widgets.Label.class, "action:status").getText();
                return t.startsWith("Plan read at") ? t : null;
            }));
            assertTrue(status.contains("Nothing was written"), status);
            String diff = onUi(() -> find(preview, org.eclipse.swt.custom.StyledText.class, "action:plan").getText());
            assertTrue(diff.startsWith("5 changes: 2 entries modified, 1 entry deleted, 1 entry created, 1 DNS record;"
                    + " 1 item to do by hand.\n"), diff);
            for (String expected : List.of("Change 1 of 5: modify entry (SBS logon script)\n  " + ActionFixture.ALICE
                    + "\n  - scriptPath: SBS_LOGIN_SCRIPT.bat\n  + scriptPath: (none)\n",
                    "  " + ActionFixture.BOB + "\n  - scriptPath: sbs_login_script.BAT\n",
                    "Change 3 of 5: delete entry (only the logon script used it)\n  " + ActionFixture.GROUP
                            + "\n  - member: " + ActionFixture.ALICE,
                    "Change 4 of 5: create entry\n  " + ActionFixture.MARKER + "\n  + objectClass: top\n",
                    "Change 5 of 5: remove DNS record\n  sbs2003.uitest.local  A\n  - A 10.0.0.2\n"
                            + "  in the directory: modify " + ActionFixture.NODE + "\n  - dnsRecord: (binary, 28 bytes)",
                    "By hand (the console cannot do this): on the destination's DNS server remove the forwarder",
                    "Note: Carol Cole left out")) {
                assertTrue(diff.contains(expected), "the diff shows '" + expected + "':\n" + diff);
            }
            assertEquals(List.of("SBS_LOGIN_SCRIPT.bat"), lab.values(ActionFixture.ALICE, "scriptPath"),
                    "the preview wrote nothing");
            assertEquals(0, action.applied());
            screenshot("action-preview");

            // Apply…: confirmed, then a Job with progress; the verification result is shown
            clickIn(preview, "action:primary");
            confirm("Apply changes", "OK");
            String result = waitFor("the result of the apply", () -> onUi(() -> {
                String t = find(preview, org.eclipse.swt.widgets.Label.class, "action:status").getText();
                return t.startsWith("Applied and verified") ? t : null;
            }));
            assertTrue(result.contains("applied, verified (5 of 5 applied)"), result);
            String shown = onUi(() -> find(preview, org.eclipse.swt.custom.StyledText.class, "action:plan").getText());
            assertTrue(shown.contains("Verification (read back from the servers): passed\n  " + ActionFixture.ALICE),
                    shown);
            assertEquals(List.of(false, false, true), onUi(() -> List.of("action:primary", "action:cancel",
                    "action:close").stream().map(id -> find(preview, org.eclipse.swt.widgets.Button.class, id)
                            .isEnabled()).toList()), "applied once: no second Apply from this dialog");
            screenshot("action-applied");
            clickIn(preview, "action:close");
            assertEquals(List.of(), lab.values(ActionFixture.ALICE, "scriptPath"));
            assertEquals(List.of(), lab.values(ActionFixture.BOB, "scriptPath"));
            assertEquals(List.of("carol-drives.cmd"), lab.values(ActionFixture.CAROL, "scriptPath"));
            assertTrue(!lab.exists(ActionFixture.GROUP) && lab.exists(ActionFixture.MARKER));
            assertEquals(1, lab.values(ActionFixture.NODE, "dnsRecord").size());
            assertEquals(changesBefore + 1, engine.changes().size());
            org.migrationconsole.actions.ChangeRecord applied = engine.changes().get(engine.changes().size() - 1);
            assertEquals(org.migrationconsole.actions.ChangeRecord.State.APPLIED, applied.state());
            assertTrue(java.nio.file.Files.exists(applied.folder().resolve("plan.json")), "the backup folder");

            // the Changes view lists it; the server changes behind the console's back; Undo is refused
            Table changes = showChanges();
            String row = waitFor("the change in the Changes view", () -> onUi(() -> rowOf(changes, applied.id())));
            assertTrue(row.contains("| Retire the SBS logon script (UI test) | applied, verified (5 of 5) | 5 | "
                    + applied.id()), row);
            lab.server.modify(ActionFixture.ALICE, new com.unboundid.ldap.sdk.Modification(
                    com.unboundid.ldap.sdk.ModificationType.REPLACE, "scriptPath", "set-later.cmd"));
            selectRow(changes, applied.id());
            clickIn(shell, "changes:undo");
            Shell undo = dialog("Undo: Retire the SBS logon script (UI test)");
            clickIn(undo, "action:primary");
            confirm("Undo change", "OK");
            String refusal = waitFor("the refusal", () -> onUi(() -> {
                String t = find(undo, org.eclipse.swt.widgets.Label.class, "action:status").getText();
                return t.startsWith("Undo refused") ? t : null;
            }));
            assertTrue(refusal.contains("Entry: " + ActionFixture.ALICE) && refusal.contains("Attribute: scriptPath")
                    && refusal.contains("set-later.cmd"), refusal);
            assertTrue(onUi(() -> find(undo, org.eclipse.swt.widgets.Button.class, "action:force").isEnabled()));
            assertEquals(List.of(), lab.values(ActionFixture.BOB, "scriptPath"), "a refused undo changes nothing");
            screenshot("action-undo-refused");

            // Force undo…: two confirmations, then everything is back
            clickIn(undo, "action:force");
            confirm("Force the undo?", "Yes");
            confirm("Really overwrite?", "OK");
            String undone = waitFor("the forced undo", () -> onUi(() -> {
                String t = find(undo, org.eclipse.swt.widgets.Label.class, "action:status").getText();
                return t.startsWith("Undone") ? t : null;
            }));
            assertTrue(undone.contains("undone"), undone);
            clickIn(undo, "action:close");
            assertEquals(List.of("SBS_LOGIN_SCRIPT.bat"), lab.values(ActionFixture.ALICE, "scriptPath"));
            assertEquals(List.of("sbs_login_script.BAT"), lab.values(ActionFixture.BOB, "scriptPath"));
            assertTrue(lab.exists(ActionFixture.GROUP) && !lab.exists(ActionFixture.MARKER));
            assertEquals(2, lab.values(ActionFixture.GROUP, "member").size());
            assertEquals(2, lab.values(ActionFixture.NODE, "dnsRecord").size());
            String after = waitFor("the Changes view showing the undo", () -> onUi(() -> {
                String r = rowOf(changes, applied.id());
                return r != null && r.contains("| undone (") ? r : null;
            }));
            assertTrue(after.contains("| undone (5 changes) | 5 |"), after);
            assertTrue(!onUi(() -> find(shell, org.eclipse.swt.widgets.Button.class, "changes:undo").isEnabled()),
                    "nothing more to undo");
            String journal = String.join("\n", state.journal().stream().map(e -> String.valueOf(e.note())).toList());
            assertTrue(journal.contains(applied.id() + " undo-failed: refused") && journal.contains(applied.id()
                    + " undo-intent: 5 of 5 changes in reverse order (forced)"), "the refusal and the forced undo are"
                            + " journalled");
            assertTrue(!journal.contains(ActionFixture.PASSWORD), "no password in the journal");
        } finally {
            reg.unregister();
            java.nio.file.Files.deleteIfExists(profile);
        }
    }

    /**
     * A change that ended inside its third change (the engine's journal as after kill -9: the test
     * action throws an Error there, so no "failed" record is written) shows in the Changes view as
     * "interrupted after 2 of 5 changes" with Resume… and Undo…; Resume… finishes it, the
     * checklist's Undo… restores the server. An apply cancelled from the preview dialog stops
     * between two changes.
     */
    @Test
    void anInterruptedChangeIsResumedAndACancelledApplyStopsBetweenChanges() throws Exception {
        MigrationStateService state = stateService();
        ActionFixture.CleanupAction action = new ActionFixture.CleanupAction();
        java.nio.file.Path profile = ActionFixture.profile(state.workspace().directory());
        org.osgi.framework.ServiceRegistration<?> reg = FrameworkUtil.getBundle(ConsoleWorkbenchTest.class)
                .getBundleContext().registerService(org.migrationconsole.api.action.MigrationAction.class, action,
                        null);
        try (ActionFixture lab = new ActionFixture()) {
            org.migrationconsole.actions.ActionService engine = actionService();
            waitFor("the engine to track the test action", () -> engine.action(action.id())
                    .isPresent() ? Boolean.TRUE : null);
            // the state is made by the engine's own API, as the CLI would
            action.crashAt = 3;
            org.migrationconsole.api.check.ConnectionProfile p = org.migrationconsole.connect.ProfileFile.read(profile);
            try (org.migrationconsole.actions.ActionService.Session s = engine.open(p, ActionFixture.PASSWORD
                    .toCharArray())) {
                org.migrationconsole.api.action.ActionPlan plan = engine.plan(s, action.id(),
                        java.util.Map.of());
                org.junit.jupiter.api.Assertions.assertThrows(ActionFixture.Crash.class, () -> engine.apply(s, plan,
                        m -> {
                        }, () -> false));
            }
            org.migrationconsole.actions.ChangeRecord interrupted = engine.changes().get(engine.changes().size() - 1);
            assertEquals(org.migrationconsole.actions.ChangeRecord.State.INTERRUPTED, interrupted.state());
            assertEquals(List.of(), lab.values(ActionFixture.ALICE, "scriptPath"));
            assertTrue(lab.exists(ActionFixture.GROUP), "the third change was not made");

            // at start the Changes view comes to the front of its stack (the model processor, run here by hand)
            boolean front = onUi(() -> {
                MWindow window = (MWindow) shell.getData("modelElement");
                window.getContext().get(EPartService.class).showPart("org.migrationconsole.ui.part.journal",
                        EPartService.PartState.ACTIVATE);
                org.eclipse.e4.ui.model.application.MApplication app = window.getContext().get(
                        org.eclipse.e4.ui.model.application.MApplication.class);
                org.eclipse.e4.ui.workbench.modeling.EModelService models = window.getContext().get(
                        org.eclipse.e4.ui.workbench.modeling.EModelService.class);
                new org.migrationconsole.ui.internal.actions.ChangesAtStart().process(app, models, engine);
                org.eclipse.e4.ui.model.application.ui.MUIElement part = models.find(
                        org.migrationconsole.ui.internal.actions.ChangesPart.PART_ID, app);
                return part.getParent().getSelectedElement() == part;
            });
            assertTrue(front, "an interrupted change brings the Changes view to the front");
            Table changes = showChanges();
            String banner = waitFor("the banner naming the interrupted change", () -> onUi(() -> {
                String t = find(shell, org.eclipse.swt.widgets.Label.class, "changes:banner").getText();
                return t.contains(interrupted.id()) ? t : null;
            }));
            assertTrue(banner.contains("interrupted after 2 of 5 changes") && banner.contains("Resume\u2026 or Undo"),
                    banner);
            String row = onUi(() -> rowOf(changes, interrupted.id()));
            assertTrue(row.contains("| interrupted after 2 of 5 changes | 5 |"), row);
            selectRow(changes, interrupted.id());
            assertEquals(List.of(true, true), onUi(() -> List.of("changes:resume", "changes:undo").stream().map(
                    id -> find(shell, org.eclipse.swt.widgets.Button.class, id).isEnabled()).toList()));
            screenshot("changes-interrupted");

            // the checklist says so too, and offers no new Apply until it is resumed or undone
            selectTask("join", ActionFixture.CleanupAction.TASK);
            String line = waitFor("the action's row", () -> onUi(() -> {
                org.eclipse.swt.widgets.Label l = find(shell, org.eclipse.swt.widgets.Label.class, "action-state:"
                        + action.id());
                return l != null && l.isVisible() && interrupted.id().equals(l.getToolTipText().replace("Change ", ""))
                        ? l.getText() : null;
            }));
            assertTrue(line.startsWith("Last change: interrupted after 2 of 5 changes (") && line.endsWith(
                    "). Resume or undo it in the Changes view."), line);
            assertEquals(List.of(true, false, true), onUi(() -> List.of("preview:", "apply:", "undo:").stream().map(
                    x -> find(shell, org.eclipse.swt.widgets.Button.class, x + action.id())
                            .isEnabled()).toList()));
            screenshot("checklist-actions");

            // Resume… from the Changes view
            showChanges();
            selectRow(changes, interrupted.id());
            clickIn(shell, "changes:resume");
            Shell resume = dialog("Resume: Retire the SBS logon script (UI test)");
            clickIn(resume, "action:primary");
            confirm("Resume change", "OK");
            String resumed = waitFor("the resumed change", () -> onUi(() -> {
                String t = find(resume, org.eclipse.swt.widgets.Label.class, "action:status").getText();
                return t.startsWith("Applied and verified") ? t : null;
            }));
            assertTrue(resumed.contains("5 of 5 applied"), resumed);
            clickIn(resume, "action:close");
            assertTrue(!lab.exists(ActionFixture.GROUP) && lab.exists(ActionFixture.MARKER));

            // Undo… from the checklist
            selectTask("join", ActionFixture.CleanupAction.TASK);
            waitFor("Undo enabled", () -> onUi(() -> find(shell, org.eclipse.swt.widgets.Button.class, "undo:"
                    + action.id()).isEnabled() ? Boolean.TRUE : null));
            click("undo:" + action.id());
            Shell undo = dialog("Undo: Retire the SBS logon script (UI test)");
            clickIn(undo, "action:primary");
            confirm("Undo change", "OK");
            waitFor("the undo", () -> onUi(() -> find(undo, org.eclipse.swt.widgets.Label.class, "action:status")
                    .getText().startsWith("Undone") ? Boolean.TRUE : null));
            clickIn(undo, "action:close");
            assertEquals(List.of("SBS_LOGIN_SCRIPT.bat"), lab.values(ActionFixture.ALICE, "scriptPath"));
            assertTrue(lab.exists(ActionFixture.GROUP) && !lab.exists(ActionFixture.MARKER));

            // Apply… cancelled while it runs: the engine stops between two changes
            action.delayMillis = 1500;
            selectTask("join", ActionFixture.CleanupAction.TASK);
            waitFor("Apply enabled", () -> onUi(() -> find(shell, org.eclipse.swt.widgets.Button.class, "apply:"
                    + action.id()).isEnabled() ? Boolean.TRUE : null));
            click("apply:" + action.id());
            Shell apply = dialog("Preview: Retire the SBS logon script (UI test)");
            waitFor("the plan", () -> onUi(() -> find(apply, org.eclipse.swt.widgets.Button.class, "action:primary")
                    .isEnabled() ? Boolean.TRUE : null));
            clickIn(apply, "action:primary");
            confirm("Apply changes", "OK");
            waitFor("the first change", () -> onUi(() -> find(apply, org.eclipse.swt.widgets.Label.class,
                    "action:status").getText().startsWith("Change 1 of 5") ? Boolean.TRUE : null));
            screenshot("action-applying");
            clickIn(apply, "action:cancel");
            String stopped = waitFor("the cancelled apply", () -> onUi(() -> {
                String t = find(apply, org.eclipse.swt.widgets.Label.class, "action:status").getText();
                return t.startsWith("Cancelled between two changes") ? t : null;
            }));
            assertTrue(stopped.matches("(?s).*stopped after [1-4] of 5 changes.*"), stopped);
            clickIn(apply, "action:close");
            org.migrationconsole.actions.ChangeRecord cancelled = engine.changes().get(engine.changes().size() - 1);
            assertEquals(org.migrationconsole.actions.ChangeRecord.State.FAILED, cancelled.state());
            try (org.migrationconsole.actions.ActionService.Session s = engine.open(p, ActionFixture.PASSWORD
                    .toCharArray())) {
                engine.undo(s, cancelled.id(), false, m -> {
                });
            }
            assertEquals(List.of("SBS_LOGIN_SCRIPT.bat"), lab.values(ActionFixture.ALICE, "scriptPath"));
        } finally {
            reg.unregister();
            java.nio.file.Files.deleteIfExists(profile);
        }
    }

    private static org.migrationconsole.actions.ActionService actionService() throws InterruptedException {
        BundleContext bc = FrameworkUtil.getBundle(ConsoleWorkbenchTest.class).getBundleContext();
        ServiceTracker<org.migrationconsole.actions.ActionService, org.migrationconsole.actions.ActionService> t =
                new ServiceTracker<>(bc, org.migrationconsole.actions.ActionService.class, null);
        t.open();
        return t.waitForService(TIMEOUT_MS);
    }

    /** Opens a step's checklist from the navigator and selects a task. */
    private static void selectTask(String stepId, String taskId) throws InterruptedException {
        onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            org.eclipse.e4.ui.model.application.MApplication app = window.getContext().get(
                    org.eclipse.e4.ui.model.application.MApplication.class);
            StepParts.open(app, window.getContext().get(EPartService.class), stepId, StepParts.CHECKLIST_TAG);
            return null;
        });
        Table checklist = waitFor("the checklist of " + stepId, () -> onUi(() -> {
            Table t = find(shell, Table.class, "checklist:" + stepId);
            return t != null && t.isVisible() && t.getItemCount() > 0 ? t : null;
        }));
        onUi(() -> {
            for (int i = 0; i < checklist.getItemCount(); i++) {
                if (checklist.getItem(i).getText(3).equals(taskId)) {
                    checklist.setSelection(i);
                    checklist.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
                    return null;
                }
            }
            throw new AssertionError(taskId + " not in the checklist");
        });
    }

    private static Table showChanges() throws InterruptedException {
        onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            window.getContext().get(EPartService.class).showPart("org.migrationconsole.ui.part.changes",
                    EPartService.PartState.ACTIVATE);
            return null;
        });
        return waitFor("the Changes view", () -> onUi(() -> {
            Table t = find(shell, Table.class, "changes");
            return t != null && t.isVisible() ? t : null;
        }));
    }

    /** "started | action | state | entries | id" of a change's row, or null. */
    private static String rowOf(Table table, String changeId) {
        for (TableItem i : table.getItems()) {
            if (i.getText(table.getColumnCount() - 1).equals(changeId)) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < table.getColumnCount(); c++) {
                    cells.add(i.getText(c));
                }
                return String.join(" | ", cells);
            }
        }
        return null;
    }

    private static void selectRow(Table table, String changeId) throws InterruptedException {
        waitFor("the row of " + changeId, () -> onUi(() -> {
            TableItem[] items = table.getItems();
            for (int i = 0; i < items.length; i++) {
                if (items[i].getText(table.getColumnCount() - 1).equals(changeId)) {
                    table.setSelection(i);
                    table.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
                    return Boolean.TRUE;
                }
            }
            return null;
        }));
    }

    /** Presses a button of the main window (asynchronously: it may open a modal dialog). */
    private static void click(String id) throws InterruptedException {
        clickIn(shell, id);
    }

    private static void clickIn(Shell where, String id) throws InterruptedException {
        waitFor("the button " + id, () -> onUi(() -> {
            org.eclipse.swt.widgets.Button x = find(where, org.eclipse.swt.widgets.Button.class, id);
            return x != null && x.isEnabled() ? x : null;
        }));
        // found again when pressed: a part may have rebuilt its widgets in between
        display.asyncExec(() -> {
            org.eclipse.swt.widgets.Button x = find(where, org.eclipse.swt.widgets.Button.class, id);
            if (x != null && !x.isDisposed() && x.isEnabled()) {
                x.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            } else {
                crashed.compareAndSet(null, new AssertionError("the button " + id + " went away before it was pressed"));
            }
        });
    }

    private static Shell dialog(String title) throws InterruptedException {
        return waitFor("the dialog '" + title + "'", () -> onUi(() -> {
            for (Shell s : display.getShells()) {
                if (s != shell && s.isVisible() && title.equals(s.getText())) {
                    return s;
                }
            }
            return null;
        }));
    }

    /** Answers a message dialog by its button. */
    private static void confirm(String title, String buttonLabel) throws InterruptedException {
        Shell d = dialog(title);
        org.eclipse.swt.widgets.Button b = onUi(() -> button(d, buttonLabel));
        assertNotNull(b, "the button " + buttonLabel + " of '" + title + "'");
        display.asyncExec(() -> b.notifyListeners(org.eclipse.swt.SWT.Selection, new Event()));
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

    @Test
    void fileMigrationReportWritesTheHtmlAndThePdfInAJob() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ui-report");
        String found = onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            org.eclipse.e4.ui.workbench.modeling.EModelService models = window.getContext().get(
                    org.eclipse.e4.ui.workbench.modeling.EModelService.class);
            List<org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem> items = models.findElements(window,
                    "org.migrationconsole.ui.menuitem.report",
                    org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem.class, null,
                    org.eclipse.e4.ui.workbench.modeling.EModelService.IN_MAIN_MENU);
            assertEquals(1, items.size(), "File > Migration report…");
            org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem item = items.get(0);
            window.getContext().set(org.migrationconsole.ui.internal.ReportJob.FOLDER,
                    dir.toString());
            org.eclipse.e4.core.commands.ECommandService commands = window.getContext().get(
                    org.eclipse.e4.core.commands.ECommandService.class);
            org.eclipse.e4.core.commands.EHandlerService handlers = window.getContext().get(
                    org.eclipse.e4.core.commands.EHandlerService.class);
            org.eclipse.core.commands.ParameterizedCommand pc = commands.createCommand(
                    item.getCommand().getElementId(), null);
            assertTrue(handlers.canExecute(pc), "the report command is enabled");
            handlers.executeHandler(pc);
            return item.getLabel() + " | " + item.getCommand().getElementId();
        });
        assertEquals("Migration &report… | org.migrationconsole.command.report.write", found);
        // the handler only scheduled the job; the files are written off the UI thread
        assertTrue(org.eclipse.core.runtime.jobs.Job.getJobManager().find(
                org.migrationconsole.ui.internal.ReportJob.FAMILY).length > 0
                || java.nio.file.Files.exists(dir.resolve("migration-report.pdf")), "a report job was scheduled");
        org.eclipse.core.runtime.jobs.Job.getJobManager().join(org.migrationconsole.ui.internal.ReportJob.FAMILY, null);
        assertTrue(java.nio.file.Files.exists(dir.resolve("migration-report.html")), "the HTML report");
        byte[] pdf = java.nio.file.Files.readAllBytes(dir.resolve("migration-report.pdf"));
        assertEquals("%PDF-", new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1));
        onUi(() -> {
            ((MWindow) shell.getData("modelElement")).getContext().remove(
                    org.migrationconsole.ui.internal.ReportJob.FOLDER);
            return null;
        });
        String html = java.nio.file.Files.readString(dir.resolve("migration-report.html"));
        assertTrue(html.contains("<section id=\"sign-off\">"), "a whole report");
    }

    @Test
    void theProgressViewShowsARunningJobWithItsProgressAndCancelsIt() throws Exception {
        java.util.concurrent.CountDownLatch worked = new java.util.concurrent.CountDownLatch(1);
        org.eclipse.core.runtime.jobs.Job job = new org.eclipse.core.runtime.jobs.Job("Copying the test data") {
            @Override
            protected org.eclipse.core.runtime.IStatus run(org.eclipse.core.runtime.IProgressMonitor monitor) {
                org.eclipse.core.runtime.SubMonitor sub = org.eclipse.core.runtime.SubMonitor.convert(monitor,
                        "Copying 10 folders", 10);
                sub.subTask("Folder 4 of 10");
                sub.worked(3);
                worked.countDown();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!sub.isCanceled() && System.nanoTime() < end) {
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
                return sub.isCanceled() ? org.eclipse.core.runtime.Status.CANCEL_STATUS
                        : org.eclipse.core.runtime.Status.error("never cancelled");
            }
        };
        job.setUser(true);
        job.schedule();
        assertTrue(worked.await(30, TimeUnit.SECONDS), "the job started");
        onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            window.getContext().get(EPartService.class).showPart("org.migrationconsole.ui.part.progress",
                    EPartService.PartState.ACTIVATE);
            shell.setBounds(0, 0, 1280, 800);
            return null;
        });
        String shown = waitFor("the job in the Progress view at 30 %", () -> onUi(() -> {
            Control row = find(shell, Composite.class, "progress-row");
            if (row == null || !row.isVisible()) {
                return null;
            }
            List<String> texts = new ArrayList<>();
            int percent = -1;
            for (Control c : ((Composite) row).getChildren()) {
                if (c instanceof org.eclipse.swt.widgets.Label l) {
                    texts.add(l.getText());
                } else if (c instanceof org.eclipse.swt.widgets.ProgressBar b) {
                    percent = b.getSelection();
                }
            }
            return percent == 30 ? String.join(" | ", texts) + " | " + percent + " %" : null;
        }));
        assertEquals("Copying the test data | Copying 10 folders: Folder 4 of 10 | 30 %", shown);
        screenshot("progress");
        onUi(() -> {
            org.eclipse.swt.widgets.Button cancel = find(shell, org.eclipse.swt.widgets.Button.class,
                    "progress-cancel");
            cancel.notifyListeners(org.eclipse.swt.SWT.Selection, new Event());
            return null;
        });
        assertTrue(job.join(30_000, null), "the job ended after Cancel");
        assertEquals(org.eclipse.core.runtime.IStatus.CANCEL, job.getResult().getSeverity(), "cancelled");
        waitFor("the empty Progress view", () -> onUi(() -> {
            Control empty = find(shell, org.eclipse.swt.widgets.Label.class, "progress-empty");
            return find(shell, Composite.class, "progress-row") == null && empty.isVisible() ? Boolean.TRUE : null;
        }));
    }

    @Test
    void everyCommandShowsAnIconAndTheToolbarTooltipsNameTheirKeyOnce() throws Exception {
        // open a step's checklist so its toolbar is there too
        onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            org.eclipse.e4.ui.model.application.MApplication app = window.getContext().get(
                    org.eclipse.e4.ui.model.application.MApplication.class);
            String checklist = app.getDescriptors().stream().filter(d -> d.getTags().contains(
                    StepParts.CHECKLIST_TAG)).findFirst().orElseThrow().getElementId();
            window.getContext().get(EPartService.class).showPart(checklist, EPartService.PartState.ACTIVATE);
            shell.setBounds(0, 0, 1280, 800);
            return null;
        });
        List<String> problems = waitFor("the checklist toolbar", () -> onUi(() -> {
            List<ToolItem> items = allToolItems(shell);
            if (items.stream().noneMatch(i -> i.getToolTipText() != null
                    && i.getToolTipText().startsWith("Mark the selected task completed"))) {
                return null;
            }
            List<String> out = new ArrayList<>();
            java.util.regex.Pattern key = java.util.regex.Pattern.compile("\\((Ctrl|Shift|Alt)\\+");
            for (ToolItem i : items) {
                if ((i.getStyle() & org.eclipse.swt.SWT.SEPARATOR) != 0 || i.getControl() != null) {
                    continue;
                }
                String tip = i.getToolTipText() == null ? "" : i.getToolTipText();
                if (tip.startsWith("Minimize") || tip.startsWith("Maximize") || tip.startsWith("Restore")
                        || tip.startsWith("View Menu") || tip.startsWith("Show List")) {
                    continue; // the workbench's own stack buttons
                }
                if (i.getImage() == null) {
                    out.add("no icon: " + tip);
                }
                if (tip.isBlank()) {
                    out.add("no tooltip: " + i.getText());
                }
                java.util.regex.Matcher m = key.matcher(tip);
                int keys = 0;
                while (m.find()) {
                    keys++;
                }
                if (keys > 1) {
                    out.add("key shown " + keys + " times: " + tip);
                }
            }
            return out;
        }));
        assertEquals(List.of(), problems);
        String checksTip = onUi(() -> allToolItems(shell).stream().map(ToolItem::getToolTipText)
                .filter(t -> t != null && t.startsWith("Run the pre-flight checks")).findFirst().orElse(""));
        assertTrue(checksTip.matches("Run the pre-flight checks against the source server \\((Ctrl\\+Shift|Shift\\+Ctrl)\\+C\\)"),
                checksTip);
        List<String> menuProblems = onUi(() -> {
            MWindow window = (MWindow) shell.getData("modelElement");
            org.eclipse.e4.ui.workbench.modeling.EModelService models = window.getContext().get(
                    org.eclipse.e4.ui.workbench.modeling.EModelService.class);
            List<String> out = new ArrayList<>();
            for (org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem item : models.findElements(window,
                    null, org.eclipse.e4.ui.model.application.ui.menu.MHandledMenuItem.class, null,
                    org.eclipse.e4.ui.workbench.modeling.EModelService.IN_MAIN_MENU)) {
                if (item.getIconURI() == null || item.getIconURI().isBlank()) {
                    out.add("no icon: " + item.getLabel());
                } else {
                    try (java.io.InputStream in = new java.net.URI(item.getIconURI()).toURL().openStream()) {
                        if (in.readAllBytes().length < 60) {
                            out.add("empty icon: " + item.getIconURI());
                        }
                    } catch (Exception e) {
                        out.add("icon not found: " + item.getIconURI() + " (" + e + ")");
                    }
                }
            }
            // the SWT menu items the renderer made show them
            for (org.eclipse.swt.widgets.MenuItem top : shell.getMenuBar().getItems()) {
                if (top.getMenu() == null) {
                    continue;
                }
                for (org.eclipse.swt.widgets.MenuItem mi : top.getMenu().getItems()) {
                    if ((mi.getStyle() & org.eclipse.swt.SWT.SEPARATOR) == 0 && mi.getImage() == null) {
                        out.add("menu item without an image: " + mi.getText());
                    }
                }
            }
            return out;
        });
        assertEquals(List.of(), menuProblems);
        screenshot("toolbar-icons");
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
