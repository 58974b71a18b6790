package org.migrationconsole.actions.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.migrationconsole.actions.ActionService;
import org.migrationconsole.api.command.CommandContribution;
import org.migrationconsole.api.command.CommandEnvironment;
import org.migrationconsole.api.command.ExitCodes;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * The {@code action} and {@code change} commands of {@code migration-console --headless} (picocli
 * classes contributed as {@link CommandContribution} services); the work is done by
 * {@link ActionCommands}.
 */
public final class ActionCommandContributions {

    private ActionCommandContributions() {
    }

    /** Options every command that connects takes. */
    static class Connection {
        @Option(names = "--profile", paramLabel = "FILE", description = "the connection profile (default: the"
                + " workspace's)")
        String profile;
        @Option(names = "--password-file", paramLabel = "FILE", description = "the administrator's password"
                + " (a file only its owner can read)")
        String passwordFile;
        @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
        boolean passwordStdin;

        void addTo(List<String> argv) {
            if (profile != null) {
                argv.addAll(List.of("--profile", profile));
            }
            if (passwordFile != null) {
                argv.addAll(List.of("--password-file", passwordFile));
            }
            if (passwordStdin) {
                argv.add("--password-stdin");
            }
        }
    }

    /** Runs one command line of {@link ActionCommands}. */
    abstract static class Root implements Callable<Integer> {
        final CommandEnvironment env;
        final ActionService engine;

        Root(CommandEnvironment env, ActionService engine) {
            this.env = env;
            this.engine = engine;
        }

        int run(List<String> argv) {
            return new ActionCommands(engine, env.state(), env.in(), env.out(), env.err()).run(argv);
        }
    }

    // ------------------------------------------------------------------ action

    @Component(service = CommandContribution.class)
    public static final class ActionContribution implements CommandContribution {
        @Reference
        private ActionService engine;

        @Override
        public String name() {
            return "action";
        }

        @Override
        public Object create(CommandEnvironment environment) {
            return new ActionRoot(environment, engine);
        }
    }

    @Command(name = "action", description = "server changes the steps can make: list, plan (writes nothing), apply",
            subcommands = {ActionList.class, ActionPlan.class, ActionApply.class})
    static final class ActionRoot extends Root {
        ActionRoot(CommandEnvironment env, ActionService engine) {
            super(env, engine);
        }

        @Override
        public Integer call() {
            env.err().println("error: action takes list, plan ID or apply ID");
            return ExitCodes.USAGE;
        }
    }

    @Command(name = "list", description = "the installed actions")
    static final class ActionList implements Callable<Integer> {
        @ParentCommand
        ActionRoot root;
        @Option(names = "--step", paramLabel = "S", description = "only this step's")
        String step;
        @Option(names = "--json", description = "as JSON")
        boolean json;

        @Override
        public Integer call() {
            List<String> argv = new ArrayList<>(List.of("action", "list"));
            if (step != null) {
                argv.addAll(List.of("--step", step));
            }
            if (json) {
                argv.add("--json");
            }
            return root.run(argv);
        }
    }

    @Command(name = "plan", description = "read the server and print the changes an action would make (writes"
            + " nothing; the plan is kept for apply)")
    static final class ActionPlan extends Connection implements Callable<Integer> {
        @ParentCommand
        ActionRoot root;
        @Parameters(index = "0", paramLabel = "ID", description = "the action")
        String id;
        @Option(names = "--option", paramLabel = "NAME=VALUE", description = "an option of the action")
        List<String> options = new ArrayList<>();
        @Option(names = "--json", description = "as JSON")
        boolean json;

        @Override
        public Integer call() {
            List<String> argv = new ArrayList<>(List.of("action", "plan", id));
            options.forEach(o -> argv.addAll(List.of("--option", o)));
            if (json) {
                argv.add("--json");
            }
            addTo(argv);
            return root.run(argv);
        }
    }

    @Command(name = "apply", description = "apply the kept plan (or plan now): back up, journal, apply, verify")
    static final class ActionApply extends Connection implements Callable<Integer> {
        @ParentCommand
        ActionRoot root;
        @Parameters(index = "0", paramLabel = "ID", description = "the action")
        String id;
        @Option(names = "--option", paramLabel = "NAME=VALUE", description = "an option of the action")
        List<String> options = new ArrayList<>();
        @Option(names = "--yes", description = "do not ask")
        boolean yes;

        @Override
        public Integer call() {
            List<String> argv = new ArrayList<>(List.of("action", "apply", id));
            options.forEach(o -> argv.addAll(List.of("--option", o)));
            if (yes) {
                argv.add("--yes");
            }
            addTo(argv);
            return root.run(argv);
        }
    }

    // ------------------------------------------------------------------ change

    @Component(service = CommandContribution.class)
    public static final class ChangeContribution implements CommandContribution {
        @Reference
        private ActionService engine;

        @Override
        public String name() {
            return "change";
        }

        @Override
        public Object create(CommandEnvironment environment) {
            return new ChangeRoot(environment, engine);
        }
    }

    @Command(name = "change", description = "the changes made to the servers: list, show, undo, resume",
            subcommands = {ChangeList.class, ChangeShow.class, ChangeUndo.class, ChangeResume.class})
    static final class ChangeRoot extends Root {
        ChangeRoot(CommandEnvironment env, ActionService engine) {
            super(env, engine);
        }

        @Override
        public Integer call() {
            env.err().println("error: change takes list, show ID, undo ID or resume ID");
            return ExitCodes.USAGE;
        }
    }

    @Command(name = "list", description = "every change of this workspace with its state")
    static final class ChangeList implements Callable<Integer> {
        @ParentCommand
        ChangeRoot root;
        @Option(names = "--json", description = "as JSON")
        boolean json;

        @Override
        public Integer call() {
            return root.run(json ? List.of("change", "list", "--json") : List.of("change", "list"));
        }
    }

    @Command(name = "show", description = "one change: state, plan, backup")
    static final class ChangeShow implements Callable<Integer> {
        @ParentCommand
        ChangeRoot root;
        @Parameters(index = "0", paramLabel = "ID", description = "the change")
        String id;
        @Option(names = "--json", description = "as JSON")
        boolean json;

        @Override
        public Integer call() {
            return root.run(json ? List.of("change", "show", id, "--json") : List.of("change", "show", id));
        }
    }

    @Command(name = "undo", description = "restore from the backup (refused when the server changed since, unless"
            + " --force)")
    static final class ChangeUndo extends Connection implements Callable<Integer> {
        @ParentCommand
        ChangeRoot root;
        @Parameters(index = "0", paramLabel = "ID", description = "the change")
        String id;
        @Option(names = "--force", description = "restore even what changed on the server since the apply")
        boolean force;

        @Override
        public Integer call() {
            List<String> argv = new ArrayList<>(List.of("change", "undo", id));
            if (force) {
                argv.add("--force");
            }
            addTo(argv);
            return root.run(argv);
        }
    }

    @Command(name = "resume", description = "continue an interrupted or failed apply")
    static final class ChangeResume extends Connection implements Callable<Integer> {
        @ParentCommand
        ChangeRoot root;
        @Parameters(index = "0", paramLabel = "ID", description = "the change")
        String id;

        @Override
        public Integer call() {
            List<String> argv = new ArrayList<>(List.of("change", "resume", id));
            addTo(argv);
            return root.run(argv);
        }
    }
}
