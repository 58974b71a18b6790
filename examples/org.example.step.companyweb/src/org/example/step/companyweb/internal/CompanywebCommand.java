package org.example.step.companyweb.internal;

import java.util.concurrent.Callable;

import org.migrationconsole.api.command.CommandContribution;
import org.migrationconsole.api.command.CommandEnvironment;
import org.migrationconsole.api.command.ExitCodes;
import org.osgi.service.component.annotations.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code companyweb stsadm [--site URL]}: prints the WSS 2.0 commands that list and back up the
 * Companyweb site, to run on the source server. Reads nothing and changes nothing.
 */
@Component(service = CommandContribution.class)
public class CompanywebCommand implements CommandContribution {

    @Override
    public String name() {
        return "companyweb";
    }

    @Override
    public String stepId() {
        return CompanywebInventoryStep.ID;
    }

    @Override
    public Object create(CommandEnvironment environment) {
        return new Root(environment);
    }

    @Command(name = "companyweb", description = "the partner step's helpers for the Companyweb inventory",
            subcommands = Stsadm.class)
    static final class Root implements Callable<Integer> {
        final CommandEnvironment env;

        Root(CommandEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            env.err().println("error: companyweb takes stsadm [--site URL]");
            return ExitCodes.USAGE;
        }
    }

    @Command(name = "stsadm", description = "print the stsadm commands that list and back up the site (run them on"
            + " the source server)")
    static final class Stsadm implements Callable<Integer> {
        @picocli.CommandLine.ParentCommand
        Root root;
        @Option(names = "--site", paramLabel = "URL", defaultValue = "http://companyweb",
                description = "the site address (default http://companyweb)")
        String site;

        @Override
        public Integer call() {
            String stsadm = "\"%CommonProgramFiles%\\Microsoft Shared\\web server extensions\\60\\BIN\\stsadm.exe\"";
            root.env.out().println(stsadm + " -o enumsites -url " + site);
            root.env.out().println(stsadm + " -o backup -url " + site + " -filename C:\\companyweb.bak");
            return ExitCodes.OK;
        }
    }
}
