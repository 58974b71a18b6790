package org.migrationconsole.report.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.migrationconsole.api.command.CommandContribution;
import org.migrationconsole.api.command.CommandEnvironment;
import org.migrationconsole.api.command.ExitCodes;
import org.migrationconsole.report.ReportFormat;
import org.migrationconsole.report.ReportService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code report --out DIR [--format html,pdf] [--json]}: writes the customer's migration report.
 * Contributed to the command line like any other command; the shell does not know it.
 */
@Component(service = CommandContribution.class)
public class ReportCommand implements CommandContribution {

    @Reference
    private ReportService reports;

    @Override
    public String name() {
        return "report";
    }

    @Override
    public Object create(CommandEnvironment env) {
        return new Run(env, reports);
    }

    @Command(name = "report", description = "Write the customer's migration report into DIR: migration-report.html"
            + " (one self-contained file, opens without a network) and migration-report.pdf (the same content).")
    static final class Run implements Callable<Integer> {
        final CommandEnvironment env;
        final ReportService reports;
        @Spec
        CommandSpec spec;
        @Option(names = "--out", paramLabel = "DIR", description = "the folder to write the report to (created if"
                + " missing)")
        Path out;
        @Option(names = "--format", paramLabel = "FORMATS", description = "html, pdf or both, comma-separated"
                + " (default: html,pdf)")
        String format = "html,pdf";
        @Option(names = "--json", description = "print a JSON document naming the files written")
        boolean json;

        Run(CommandEnvironment env, ReportService reports) {
            this.env = env;
            this.reports = reports;
        }

        @Override
        public Integer call() {
            if (out == null) {
                throw new ParameterException(spec.commandLine(), "report needs --out DIR");
            }
            Set<ReportFormat> formats = EnumSet.noneOf(ReportFormat.class);
            for (String f : format.split(",", -1)) {
                if (f.isBlank()) {
                    throw new ParameterException(spec.commandLine(),
                            "--format '" + format + "' has an empty entry; name html, pdf or html,pdf");
                }
                try {
                    formats.add(ReportFormat.byId(f));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--format: " + e.getMessage());
                }
            }
            if (Files.exists(out) && !Files.isDirectory(out)) {
                env.err().println("error: --out " + out + " is a file, not a folder");
                return ExitCodes.USAGE;
            }
            List<Path> written;
            try {
                written = reports.write(out, formats);
            } catch (IOException | RuntimeException e) {
                env.err().println("error: --out " + out + ": the report could not be written: " + e.getMessage());
                return ExitCodes.USAGE;
            }
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("directory", out.toAbsolutePath().toString());
                JsonArray files = new JsonArray();
                for (Path p : written) {
                    JsonObject f = new JsonObject();
                    f.addProperty("path", p.toAbsolutePath().toString());
                    try {
                        f.addProperty("bytes", Files.size(p));
                    } catch (IOException e) {
                        f.add("bytes", com.google.gson.JsonNull.INSTANCE);
                    }
                    files.add(f);
                }
                o.add("files", files);
                env.out().println(env.prettyJson(o));
            } else {
                for (Path p : written) {
                    env.out().println("Wrote " + p);
                }
            }
            return ExitCodes.OK;
        }
    }
}
