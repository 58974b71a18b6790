package org.migrationconsole.api.artifact;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.migrationconsole.api.field.FieldValues;
import org.migrationconsole.api.state.MigrationRuleException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The shell's side of artifacts (one implementation, in the shell): the installed artifacts, and
 * the one place where their files are read, written and wiped. Writes and wipes are journalled
 * (never with a secret). Command-line commands and views of steps use it rather than writing files
 * themselves.
 */
@ProviderType
public interface ArtifactService {

    /** The installed artifacts, by step order then id. */
    List<Artifact> artifacts();

    Optional<Artifact> artifact(String id);

    /**
     * A new form's values: the artifact's prefill, plus the secret fields' values from secure
     * storage when the artifact names a key for them.
     */
    FieldValues prefill(Artifact artifact) throws ArtifactException;

    /**
     * Reads a file, or the artifact's {@link Artifact#fileName()} in a folder.
     *
     * @throws IOException when it cannot be read (the message names the file)
     * @throws ArtifactException when its content cannot be this artifact
     */
    ArtifactReading read(Artifact artifact, Path fileOrFolder) throws IOException, ArtifactException;

    /**
     * Checks the values, produces the files (keeping what {@code base} or an existing file in the
     * folder holds beyond the fields), writes them into {@code folder} (files with a secret
     * readable by the owner only) and journals the write (never a secret). Secrets are kept in
     * secure storage only when asked ({@link #rememberSecret}).
     *
     * @param base the bytes the form was opened from, or empty to use the file already in the folder
     * @throws ArtifactException when a rule breaks (nothing is written; the problems name field and
     *             rule) or the artifact cannot produce the file
     * @throws MigrationRuleException when the workspace is read-only
     */
    Written write(Artifact artifact, FieldValues values, Path folder, Optional<byte[]> base)
            throws IOException, ArtifactException, MigrationRuleException;

    /**
     * Overwrites the artifact's file (or the given file) with random bytes, deletes it and
     * journals it.
     *
     * @return the file wiped and its former size
     */
    Wiped wipe(Artifact artifact, Path fileOrFolder) throws IOException, MigrationRuleException;

    /**
     * Keeps the value of the artifact's secret field in secure storage under
     * {@link Artifact#secretKey}, so that the next {@link #prefill} offers it.
     */
    void rememberSecret(Artifact artifact, FieldValues values) throws IOException;

    /** The result of {@link #write}: the files written (absolute paths) and what they hold. */
    record Written(List<Path> files, List<ArtifactFile> contents, boolean secret) {
        public Written {
            files = List.copyOf(files);
            contents = List.copyOf(contents);
        }
    }

    /** The result of {@link #wipe}. */
    record Wiped(Path file, long bytes) {
    }
}
