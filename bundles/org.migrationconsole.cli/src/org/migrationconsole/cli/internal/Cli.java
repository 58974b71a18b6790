package org.migrationconsole.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.migrationconsole.api.command.CommandContribution;
import org.migrationconsole.api.command.ExitCodes;
import org.migrationconsole.api.state.WorkspaceInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The headless command line: a picocli command tree of the shell's commands (one class each) and
 * the subcommands bundles contribute as {@link CommandContribution} services. Exit codes:
 * {@value #OK} done, {@value #REFUSED} refused by a rule (the message names it), {@value #USAGE}
 * bad usage or bad input (the message names the option, the file or the field).
 */
public final class Cli {

    public static final int OK = ExitCodes.OK;
    public static final int REFUSED = ExitCodes.REFUSED;
    public static final int USAGE = ExitCodes.USAGE;
    public static final int FAILED = ExitCodes.FAILED;

    /** The log, looked up only when there is something to say (a plain command does not pay for it). */
    private static Logger log() {
        return LoggerFactory.getLogger(Cli.class);
    }

    private final Env env;
    private final List<CommandContribution> contributions;

    public Cli(Env env, List<CommandContribution> contributions) {
        this.env = env;
        this.contributions = List.copyOf(contributions);
    }

    /** The root command: no command given is a usage error. */
    @Command(name = "migration-console --headless [--workspace DIR]", synopsisHeading = "Usage: ",
            customSynopsis = "migration-console --headless [--workspace DIR] COMMAND [OPTIONS]",
            commandListHeading = "%nCommands:%n", footerHeading = "%n", footer = {
                    "Exit codes: 0 ok, 1 refused by a rule (check: errors found),",
                    "2 bad usage or bad input (check: cannot run - bad profile, unreachable server,",
                    "refused credentials), 3 unexpected failure (one line; details in the log).",
                    "'COMMAND --help' shows a command's options." })
    static final class Root implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            throw new ParameterException(spec.commandLine(), "no command given");
        }
    }

    /** {@code help [COMMAND]}: the usage, of everything or of one command. */
    @Command(name = "help", description = "this text, or a command's options (help COMMAND)")
    static final class HelpCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Parameters(arity = "0..*", paramLabel = "COMMAND", hidden = true)
        List<String> command = new ArrayList<>();

        @Override
        public Integer call() {
            CommandLine target = spec.commandLine().getParent();
            for (String c : command) {
                CommandLine sub = target.getSubcommands().get(c);
                if (sub == null) {
                    throw new ParameterException(spec.commandLine(), "unknown command '" + c + "'");
                }
                target = sub;
            }
            target.usage(target.getOut(), Help.Ansi.OFF);
            return OK;
        }
    }

    /** The shell's own commands, by name, made on demand. */
    private Map<String, java.util.function.Supplier<Object>> builtins() {
        Map<String, java.util.function.Supplier<Object>> b = new java.util.LinkedHashMap<>();
        b.put("status", () -> new StatusCommand(env));
        b.put("task", () -> new TaskCommand(env));
        b.put("journal", () -> new JournalCommand(env));
        b.put("check", () -> new CheckCommand(env));
        b.put("profile", () -> new ProfileCommand(env));
        b.put("path", () -> new PathCommand(env));
        b.put("artifact", () -> new ArtifactCommand(env));
        b.put("secret", () -> new SecretCommand(env));
        b.put("steps", () -> new P2Commands.Steps(env));
        b.put("install", () -> new P2Commands.Install(env));
        b.put("update", () -> new P2Commands.Update(env));
        b.put("uninstall", () -> new P2Commands.Uninstall(env));
        return b;
    }

    /** Builds the whole command tree (for help, usage errors and suggestions). */
    CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * Builds the command tree for one run: only the named command when it is known (a run builds
     * one command's model, not every command's), else all of them.
     */
    CommandLine commandLine(String only) {
        CommandLine root = new CommandLine(new Root());
        Map<String, java.util.function.Supplier<Object>> builtins = builtins();
        boolean known = only != null && (builtins.containsKey(only) || contributions.stream().anyMatch(c -> c.name()
                .equals(only) || c.aliases().contains(only)));
        builtins.forEach((name, make) -> {
            if (!known || name.equals(only)) {
                add(root, name, make.get());
            }
        });
        for (CommandContribution c : contributions) {
            if (known && !c.name().equals(only) && !c.aliases().contains(only)) {
                continue;
            }
            if (root.getSubcommands().containsKey(c.name()) || builtins.containsKey(c.name())) {
                log().warn("command '{}' of {} clashes with an existing command; left out", c.name(), c.getClass());
                continue;
            }
            try {
                Object command = c.create(env);
                CommandLine sub = command instanceof CommandLine cl ? cl : command instanceof CommandSpec cs
                        ? new CommandLine(cs) : new CommandLine(command);
                root.addSubcommand(c.name(), sub, c.aliases().toArray(String[]::new));
            } catch (RuntimeException | LinkageError e) {
                log().error("command '{}' of {} cannot be added", c.name(), c.getClass().getName(), e);
                env.err().println("warning: the command '" + c.name() + "' of a plug-in cannot be used: "
                        + e.getMessage() + " (details in the log: " + env.logFile() + ")");
            }
        }
        root.addSubcommand("help", new HelpCommand());
        addHelpOption(root);
        root.setUsageHelpWidth(100);
        root.setOut(new PrintWriter(TerminalText.writer(env.out()), true));
        root.setErr(new PrintWriter(TerminalText.writer(env.err()), true));
        root.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        root.setCaseInsensitiveEnumValuesAllowed(true);
        root.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Cli::commandList);
        root.setParameterExceptionHandler(this::usageError);
        root.setExecutionExceptionHandler((ex, cl, parsed) -> {
            if (ex instanceof java.io.UncheckedIOException io) {
                // the workspace or a file cannot be read or written: the message says which (exit 2)
                log().warn("'{}' failed", commandName(cl), ex);
                env.err().println("error: " + io.getMessage() + " (details in the log: " + logFileOrUnknown() + ")");
                return USAGE;
            }
            return failed(commandName(cl), ex);
        });
        return root;
    }

    /** Gives every command (contributed ones too) -h/--help, which prints its usage and exits 0. */
    private static void addHelpOption(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp) && spec.findOption("--help") == null
                && spec.findOption("-h") == null) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("show this command's usage").build());
        }
        for (CommandLine sub : new java.util.LinkedHashSet<>(cl.getSubcommands().values())) {
            addHelpOption(sub);
        }
    }

    private static void add(CommandLine root, String name, Object command) {
        root.addSubcommand(name, new CommandLine(command));
    }

    /** Each command with its synopsis and description: the list the root's help shows. */
    private static String commandList(Help help) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Help> e : help.subcommands().entrySet()) {
            CommandSpec spec = e.getValue().commandSpec();
            if (spec.usageMessage().hidden()) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            if (spec.subcommands().isEmpty()) {
                lines.add(synopsis(e.getValue()));
            } else {
                for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
                    lines.add(synopsis(sub.getValue().getHelp()));
                }
            }
            String description = String.join(" ", spec.usageMessage().description());
            for (String l : lines) {
                b.append("  ").append(l).append(System.lineSeparator());
            }
            if (!description.isEmpty()) {
                b.append(wrap(description, "        ", 100));
            }
        }
        return b.toString();
    }

    private static String synopsis(Help help) {
        String s = help.synopsis(0).strip().replaceAll("\\s*\\R\\s*", " ").replace(" [-h]", "");
        return s.startsWith("migration-console --headless [--workspace DIR] ")
                ? s.substring("migration-console --headless [--workspace DIR] ".length()) : s;
    }

    private static String wrap(String text, String indent, int width) {
        StringBuilder out = new StringBuilder();
        StringBuilder line = new StringBuilder(indent);
        for (String w : text.split("\\s+")) {
            if (line.length() + w.length() + 1 > width && line.length() > indent.length()) {
                out.append(line).append(System.lineSeparator());
                line = new StringBuilder(indent);
            }
            if (line.length() > indent.length()) {
                line.append(' ');
            }
            line.append(w);
        }
        if (line.length() > indent.length()) {
            out.append(line).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** A usage error: "error: ..." naming the option or command, then the command's usage; exit 2. */
    private int usageError(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String message = ex.getMessage();
        if (ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            if (first.startsWith("-")) {
                message = "unknown option " + first + (cl.getParent() == null ? "" : " for '"
                        + cl.getCommandName() + "'");
            } else if (cl.getParent() == null) {
                message = "unknown command '" + first + "'";
            } else {
                message = "'" + cl.getCommandName() + "' does not take '" + first + "'";
            }
        } else if (ex instanceof CommandLine.MissingParameterException m && message != null
                && message.startsWith("Missing required parameter for option")) {
            String name = m.getMissing().stream().filter(a -> a instanceof OptionSpec).map(a -> ((OptionSpec) a)
                    .longestName()).findFirst().orElse("the option");
            message = name + " needs a value";
        }
        cl.getErr().println("error: " + message);
        if (ex instanceof UnmatchedArgumentException u) {
            UnmatchedArgumentException.printSuggestions(u, cl.getErr());
        }
        cl.usage(cl.getErr(), Help.Ansi.OFF);
        return USAGE;
    }

    private static String commandName(CommandLine cl) {
        List<String> names = new ArrayList<>();
        for (CommandLine c = cl; c != null && c.getParent() != null; c = c.getParent()) {
            names.add(0, c.getCommandName());
        }
        return String.join(" ", names);
    }

    /**
     * An unexpected failure: the details (stack trace) go to the log only; the terminal gets one
     * line naming what failed and where the log is; exit {@value #FAILED}.
     */
    private int failed(String what, Throwable ex) {
        try {
            log().error("'{}' failed unexpectedly", what, ex);
        } catch (RuntimeException | LinkageError e) {
            // the log itself failed: the one line below still says what happened
        }
        String reason = ex.getMessage() == null || ex.getMessage().isBlank() ? ex.getClass().getSimpleName()
                : ex.getClass().getSimpleName() + ": " + ex.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
        if (reason.length() > 300) {
            reason = reason.substring(0, 300) + "...";
        }
        env.err().println("error: " + (what.isEmpty() ? "the command" : "'" + what + "'") + " failed unexpectedly ("
                + reason + "); nothing is reported as done. Details are in the log: " + logFileOrUnknown());
        return FAILED;
    }

    private String logFileOrUnknown() {
        try {
            Path p = env.logFile();
            return p == null ? "(no log file)" : p.toString();
        } catch (RuntimeException | LinkageError e) {
            return "(the log cannot be found: " + e.getMessage() + ")";
        }
    }

    /** Runs one command line (without the launcher's own options); never throws. */
    public int run(List<String> args) {
        try {
            return runCommand(args);
        } catch (RuntimeException | LinkageError | StackOverflowError | OutOfMemoryError e) {
            return failed(args.isEmpty() ? "" : args.get(0), e);
        }
    }

    private int runCommand(List<String> args) {
        CommandLine root = commandLine(args.isEmpty() ? null : args.get(0));
        if (args.isEmpty()) {
            return usageError(new ParameterException(root, "no command given"), new String[0]);
        }
        String first = args.get(0);
        boolean help = first.equals("help") || first.equals("--help") || first.equals("-h")
                || args.contains("--help") || args.contains("-h");
        if (!help) {
            WorkspaceInfo ws = env.state().workspace();
            if (ws.fatalError() != null) {
                env.err().println("error: " + ws.fatalError());
                return USAGE;
            }
            for (String w : ws.warnings()) {
                env.err().println("warning: " + w);
            }
        }
        if (first.equals("--help") || first.equals("-h")) {
            root.usage(root.getOut(), Help.Ansi.OFF);
            return OK;
        }
        int code = root.execute(args.toArray(String[]::new));
        if (code != OK) {
            log().info("command: {} ended with exit code {}", commandPath(root, args), code);
        }
        return code;
    }

    /** The command words of a command line (no option values: they may be paths or notes). */
    private static String commandPath(CommandLine root, List<String> args) {
        List<String> words = new ArrayList<>();
        CommandLine at = root;
        for (String a : args) {
            CommandLine sub = at.getSubcommands().get(a);
            if (sub == null) {
                break;
            }
            words.add(a);
            at = sub;
        }
        return String.join(" ", words);
    }

    /** Helper for commands: the help-option mixin every command carries. */
    static boolean isHelp(String a) {
        return a.equals("--help") || a.equals("-h");
    }
}
