package org.migrationconsole.api.command;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One top-level subcommand (with its own subcommands, if any), registered as an OSGi service
 * ({@code @Component(service = CommandContribution.class)}).
 */
@ConsumerType
public interface CommandContribution {

    /** The command's name, e.g. {@code answer-file}; must not clash with another command. */
    String name();

    /** Other names it answers to (e.g. old command names kept working). */
    default List<String> aliases() {
        return List.of();
    }

    /** The step that contributes it, or "" for none. */
    default String stepId() {
        return "";
    }

    /**
     * Creates the command for one run: a new object whose class is annotated
     * {@code @picocli.CommandLine.Command} (its subcommands may be nested classes) and that
     * implements {@code Callable<Integer>} returning an {@link ExitCodes exit code}; or a
     * {@code picocli.CommandLine} or {@code picocli.CommandLine.Model.CommandSpec}.
     */
    Object create(CommandEnvironment environment);
}
