package org.migrationconsole.api.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

import org.migrationconsole.api.artifact.ArtifactService;
import org.migrationconsole.api.check.ConnectionException;
import org.migrationconsole.api.check.ConnectionProfile;
import org.migrationconsole.api.state.MigrationStateService;
import org.osgi.annotation.versioning.ProviderType;

/** What a contributed command may use during one run. Given by the shell. */
@ProviderType
public interface CommandEnvironment {

    /** The migration state of the workspace the command line opened. */
    MigrationStateService state();

    /** The artifacts and the one place their files are written. */
    ArtifactService artifacts();

    /** The workspace's connection profile, or empty when it has none yet. */
    Optional<ConnectionProfile> workspaceProfile() throws ConnectionException;

    /**
     * Reads a password file (refused unless only its owner can read it); the caller wipes the
     * array when done.
     */
    char[] readPasswordFile(Path file) throws ConnectionException, IOException;

    /** Standard output: results and JSON documents only. */
    PrintStream out();

    /** Standard error: messages, warnings and progress. */
    PrintStream err();

    InputStream in();

    /** Pretty JSON text of a Gson {@code JsonElement} in the shell's one style (nulls kept, no HTML escaping). */
    String prettyJson(Object gsonElement);

    /** The file the application log is written to (named in "see the log" messages). */
    Path logFile();
}
