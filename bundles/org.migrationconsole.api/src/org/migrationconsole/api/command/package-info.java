/**
 * Command-line contributions: a bundle adds subcommands of {@code migration-console --headless}
 * by registering a {@link CommandContribution} service. Commands are <a
 * href="https://picocli.info">picocli</a> commands ({@code info.picocli:picocli} 4.7.x): the
 * contribution creates an object whose class is annotated {@code @picocli.CommandLine.Command} and
 * implements {@code java.util.concurrent.Callable<Integer>} (the exit code). The shell adds it
 * under {@link CommandContribution#name()}, generates its help, reports usage errors naming the
 * option, and removes it when the bundle goes.
 *
 * <p>Import with {@code org.migrationconsole.api.command;version="[1.0,2.0)"} and
 * {@code picocli;version="[4.7,5)"}.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.migrationconsole.api.command;
