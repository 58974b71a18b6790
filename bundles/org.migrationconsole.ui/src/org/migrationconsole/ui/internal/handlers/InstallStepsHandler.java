package org.migrationconsole.ui.internal.handlers;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.ConfigurationScope;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.ProgressMonitorDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.provisioning.Plugins;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Help &gt; Install new steps…: asks for an update site (the preference {@value #SITES_KEY} keeps
 * the sites used, the product's default first), lists the step features it offers that are not
 * installed, shows what will be installed, installs with the p2 director against this
 * installation's profile (in a forked, cancellable progress dialog, off the UI thread) and asks
 * before restarting.
 */
public class InstallStepsHandler {

    /** Preference (configuration scope, node {@code org.migrationconsole.ui}, so per installation): update sites, one per line. */
    public static final String SITES_KEY = "updateSites";
    /** The product's default update site; a deployment overrides it with -Dmigrationconsole.updateSite. */
    public static final String DEFAULT_SITE = "https://updates.migrationconsole.org/1.x/";

    @Execute
    public void execute(Shell shell, IWorkbench workbench, MigrationStateService state) {
        Plugins plugins = plugins(shell, "Install new steps");
        if (plugins == null) {
            return;
        }
        SiteDialog dialog = new SiteDialog(shell, "Install new steps", sites());
        if (dialog.open() != Dialog.OK) {
            return;
        }
        String site = dialog.site;
        String repository = repositoryUri(site);
        List<String> offered = new ArrayList<>();
        if (!run(shell, "Reading " + repository, m -> offered.addAll(plugins.repositoryFeatures(repository,
                new StringBuilder())))) {
            return;
        }
        Set<String> installed = new LinkedHashSet<>();
        for (StepStatus s : state.steps()) {
            plugins.featureOf(s.bundleId()).ifPresent(f -> installed.add(f.id()));
        }
        List<String> candidates = offered.stream().filter(f -> f.matches(".*(^|\\.)step\\.[^.]+\\.feature"))
                .filter(f -> !installed.contains(f)).toList();
        if (candidates.isEmpty()) {
            MessageDialog.openInformation(shell, "Install new steps", "The update site " + repository
                    + " offers no step that is not installed.\n\nIt offers: "
                    + (offered.isEmpty() ? "nothing" : String.join(", ", offered)));
            return;
        }
        if (!MessageDialog.openConfirm(shell, "Install new steps", "These will be installed from " + repository
                + ":\n\n  " + String.join("\n  ", candidates) + "\n\ninto " + plugins.installArea() + " (p2 profile "
                + plugins.profile() + "). The change takes effect after a restart.")) {
            return;
        }
        List<String> done = new ArrayList<>();
        boolean ok = run(shell, "Installing steps", m -> {
            m.beginTask("Installing steps", candidates.size());
            for (String f : candidates) {
                if (m.isCanceled()) {
                    break;
                }
                m.subTask(f);
                Plugins.Result r = plugins.install(repository, f);
                if (r.exitCode() != 0) {
                    throw new IllegalStateException("p2 could not install " + f + ":\n" + tail(r.output()));
                }
                done.add(f);
                m.worked(1);
            }
        });
        if (!done.isEmpty()) {
            remember(site);
            try {
                state.recordEvent("plug-ins", "installed " + String.join(", ", done) + " from " + repository);
            } catch (Exception e) {
                // a read-only workspace still gets the plug-ins
            }
        }
        if (ok && !done.isEmpty() && MessageDialog.openQuestion(shell, "Restart to finish", "Installed "
                + String.join(", ", done) + ".\n\nThe new steps appear after a restart. Restart the console now?")) {
            workbench.restart();
        }
    }

    /** This installation's plug-ins, or null (and a message) when the install area is unknown. */
    static Plugins plugins(Shell shell, String title) {
        Bundle self = FrameworkUtil.getBundle(InstallStepsHandler.class);
        Plugins plugins = Plugins.running(id -> {
            for (Bundle b : self.getBundleContext().getBundles()) {
                if (id.equals(b.getSymbolicName())) {
                    return b.getVersion().toString();
                }
            }
            return null;
        }).orElse(null);
        if (plugins == null) {
            MessageDialog.openError(shell, title, "This console does not know its installation directory"
                    + " (osgi.install.area), so it cannot change its plug-ins.");
        }
        return plugins;
    }

    static String repositoryUri(String site) {
        return site.matches("[a-zA-Z][a-zA-Z0-9+.-]*:.*") ? site : Path.of(site).toAbsolutePath().toUri().toString();
    }

    interface Work {
        void run(IProgressMonitor monitor) throws Exception;
    }

    static boolean run(Shell shell, String title, Work work) {
        try {
            new ProgressMonitorDialog(shell).run(true, true, m -> {
                m.beginTask(title, IProgressMonitor.UNKNOWN);
                try {
                    work.run(m);
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    throw new InvocationTargetException(e);
                } finally {
                    m.done();
                }
            });
            return true;
        } catch (InvocationTargetException e) {
            MessageDialog.openError(shell, title, String.valueOf(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    static String tail(String s) {
        String t = s.strip();
        return t.length() > 1500 ? "…" + t.substring(t.length() - 1500) : t;
    }

    /** The update sites: the preference, else the product's default. */
    public static List<String> sites() {
        IEclipsePreferences p = ConfigurationScope.INSTANCE.getNode("org.migrationconsole.ui");
        Set<String> out = new LinkedHashSet<>();
        for (String s : p.get(SITES_KEY, "").split("\n")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        out.add(System.getProperty("migrationconsole.updateSite", DEFAULT_SITE));
        return List.copyOf(out);
    }

    static void remember(String site) {
        List<String> all = new ArrayList<>(sites());
        all.remove(site);
        all.add(0, site);
        IEclipsePreferences p = ConfigurationScope.INSTANCE.getNode("org.migrationconsole.ui");
        p.put(SITES_KEY, String.join("\n", all));
        try {
            p.flush();
        } catch (Exception e) {
            // kept for this session
        }
    }

    /** Asks for the update site (a URL or a directory), offering the known ones. */
    static final class SiteDialog extends Dialog {
        private final String title;
        private final List<String> known;
        private Combo combo;
        String site;

        SiteDialog(Shell parent, String title, List<String> known) {
            super(parent);
            this.title = title;
            this.known = known;
        }

        @Override
        protected void configureShell(Shell shell) {
            super.configureShell(shell);
            shell.setText(title);
        }

        @Override
        protected Control createDialogArea(Composite parent) {
            Composite c = (Composite) super.createDialogArea(parent);
            Label l = new Label(c, SWT.WRAP);
            l.setText("Update site (p2 repository URL or directory) with step plug-ins:");
            combo = new Combo(c, SWT.DROP_DOWN);
            combo.setData("org.migrationconsole.widgetId", "update-site");
            known.forEach(combo::add);
            combo.setText(known.isEmpty() ? "" : known.get(0));
            GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).applyTo(combo);
            return c;
        }

        @Override
        protected void okPressed() {
            site = combo.getText().strip();
            if (site.isEmpty()) {
                return;
            }
            super.okPressed();
        }

        @Override
        protected void createButtonsForButtonBar(Composite parent) {
            createButton(parent, IDialogConstants.OK_ID, "Next", true);
            createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
        }
    }
}
