package org.migrationconsole.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.google.gson.JsonElement;

import org.migrationconsole.api.artifact.ArtifactService;
import org.migrationconsole.api.check.CheckService;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.command.CommandEnvironment;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.connect.PasswordFile;
import org.migrationconsole.connect.ProfileFile;
import org.migrationconsole.logging.LogFile;
import org.migrationconsole.provisioning.Plugins;

/** What the commands of one run use: the services, the streams and the installation. */
public final class Env implements CommandEnvironment {

    private final MigrationStateService state;
    private final CheckService checks;
    private final java.util.function.Supplier<ArtifactService> artifacts;
    private final Plugins plugins;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public Env(MigrationStateService state, CheckService checks, java.util.function.Supplier<ArtifactService> artifacts,
            Plugins plugins,
            InputStream in, PrintStream out, PrintStream err) {
        this.state = state;
        this.checks = checks;
        this.artifacts = artifacts;
        this.plugins = plugins;
        this.in = in;
        // every text a command prints has its control characters escaped (TerminalText)
        this.out = TerminalText.stream(out);
        this.err = TerminalText.stream(err);
    }

    @Override
    public MigrationStateService state() {
        return state;
    }

    /** The check runner, or null when org.migrationconsole.connect is not installed. */
    CheckService checks() {
        return checks;
    }

    /** The artifact service, looked up (and started) only when a command needs it. */
    @Override
    public ArtifactService artifacts() {
        ArtifactService a = artifacts == null ? null : artifacts.get();
        if (a == null) {
            throw new IllegalStateException("the artifact service is not installed (org.migrationconsole.artifacts)");
        }
        return a;
    }

    /** The installation, or null when it is unknown (osgi.install.area not set). */
    Plugins plugins() {
        return plugins;
    }

    Path profileFile() {
        return state.workspace().directory().resolve(ProfileFile.WORKSPACE_PROFILE);
    }

    @Override
    public Optional<ConnectionProfile> workspaceProfile() throws ConnectionException {
        Path f = profileFile();
        return Files.exists(f) ? Optional.of(ProfileFile.read(f)) : Optional.empty();
    }

    @Override
    public char[] readPasswordFile(Path file) throws ConnectionException, IOException {
        return PasswordFile.read(file);
    }

    @Override
    public PrintStream out() {
        return out;
    }

    @Override
    public PrintStream err() {
        return err;
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public String prettyJson(Object gsonElement) {
        return Json.pretty((JsonElement) gsonElement);
    }

    @Override
    public Path logFile() {
        return LogFile.path();
    }

    /** Notes an installation change in the journal when this process may write it. */
    void audit(String subject, String text) {
        if (state.workspace().readOnly()) {
            return;
        }
        try {
            state.recordEvent(subject, text);
        } catch (MigrationRuleException | RuntimeException e) {
            err.println("warning: could not journal the change: " + e.getMessage());
        }
    }
}
