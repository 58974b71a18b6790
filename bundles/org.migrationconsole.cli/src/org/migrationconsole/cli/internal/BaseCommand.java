package org.migrationconsole.cli.internal;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import org.migrationconsole.api.state.InvalidInputException;
import org.migrationconsole.api.state.MigrationRuleException;
import org.migrationconsole.api.state.MigrationStateService;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What every shell command shares: the run's environment and the exit-code rules. */
abstract class BaseCommand implements Callable<Integer> {

    final Env env;
    @Spec
    CommandSpec spec;

    BaseCommand(Env env) {
        this.env = env;
    }

    MigrationStateService state() {
        return env.state();
    }

    PrintStream out() {
        return env.out();
    }

    PrintStream err() {
        return env.err();
    }

    /** A usage error: "error: PROBLEM" and this command's usage, exit 2. */
    ParameterException usage(String problem) {
        return new ParameterException(spec.commandLine(), problem);
    }

    /** A change the state service may refuse. */
    @FunctionalInterface
    interface RuledChange {
        int run() throws MigrationRuleException;
    }

    /** Runs a change: refused by a rule is exit 1, bad input or an unusable workspace exit 2. */
    int ruled(RuledChange change) {
        try {
            return change.run();
        } catch (InvalidInputException e) {
            err().println("error: " + e.getMessage());
            return Cli.USAGE;
        } catch (MigrationRuleException e) {
            err().println("refused: " + e.getMessage());
            return Cli.REFUSED;
        } catch (IllegalStateException e) {
            err().println("error: " + e.getMessage());
            return Cli.USAGE;
        }
    }
}
