package org.migrationconsole.api.artifact;

import java.util.List;
import java.util.Optional;

import org.migrationconsole.api.field.Field;
import org.migrationconsole.api.field.FieldProblem;
import org.migrationconsole.api.field.FieldValues;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A file a step generates, registered as an OSGi service ({@code @Component(service =
 * Artifact.class)}) by the step that owns it. It never writes a file itself: it produces bytes,
 * and the shell writes them (one place for safe writing, permissions, the secret warning and the
 * journal). All methods are free of I/O except {@link #prefill} (which may read the context).
 */
@ConsumerType
public interface Artifact {

    /** Stable id, starting with the step id, e.g. {@code install.answer-file}. */
    String id();

    /** The step that owns it, e.g. {@code install}. */
    String stepId();

    /** A short title, e.g. "Answer file (cfg.ini)". */
    String title();

    /** What the file is for and where it goes, in one or two sentences. */
    default String description() {
        return "";
    }

    /** The task the file serves, if any. */
    default Optional<String> taskId() {
        return Optional.empty();
    }

    /**
     * The name of the (main) file in the folder it is written to, e.g. {@code cfg.ini}:
     * {@code read}/{@code validate} of a folder and {@code wipe} use it.
     */
    String fileName();

    /** The values the file is made from, in form order. */
    List<Field> fields();

    /**
     * True when the file holds a secret in plain text (then the shell warns before writing,
     * writes it readable by the owner only, and offers {@code wipe}). By default: when a field
     * is a secret.
     */
    default boolean holdsSecret() {
        return fields().stream().anyMatch(Field::secret);
    }

    /** The warning shown before a file that holds a secret is written. */
    default String secretWarning() {
        return "The file will hold a secret (" + title() + ") in PLAIN TEXT. Anyone who can read it can read the"
                + " secret: keep the medium locked away and wipe the file as soon as it has been used.";
    }

    /**
     * The secure-storage key under which the shell keeps the values of the secret fields for
     * these values (e.g. the answer file's password per destination server), or empty when the
     * secret is never kept.
     */
    default Optional<String> secretKey(FieldValues values) {
        return Optional.empty();
    }

    /**
     * The values a new form starts with: the fields' defaults, the workspace's profile and the
     * steps' inputs. Never secrets (the shell adds them from secure storage).
     */
    default FieldValues prefill(ArtifactContext context) throws ArtifactException {
        FieldValues v = new FieldValues();
        fields().forEach(f -> v.put(f.id(), f.defaultValue()));
        return v;
    }

    /**
     * Every broken rule: each field's own rules, then rules across fields. By default only the
     * fields' own rules. Never throws for bad values; the problems name field and rule.
     */
    default List<FieldProblem> validate(FieldValues values) {
        return Field.checkAll(fields(), values);
    }

    /**
     * Reads an existing file (its bytes as found on disk).
     *
     * @throws ArtifactException when the bytes cannot be this artifact (e.g. a refused
     *             encoding); the message says why
     */
    ArtifactReading read(byte[] content) throws ArtifactException;

    /**
     * Produces the files from valid values (the shell has checked {@link #validate} first).
     *
     * @param existing the bytes of the file already in the target folder, or of the file the
     *            form was opened from, so that what the form does not know (comments, unknown
     *            keys) is kept; empty for a new file
     * @return the files to write, the main one ({@link #fileName()}) first
     */
    List<ArtifactFile> produce(FieldValues values, Optional<byte[]> existing, ArtifactContext context)
            throws ArtifactException;

    /** One line for the journal about what was written (never a secret), e.g. "server SBS-NEW". */
    default String summary(FieldValues values) {
        return "";
    }
}
