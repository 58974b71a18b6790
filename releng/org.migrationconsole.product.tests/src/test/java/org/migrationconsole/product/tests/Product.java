package org.migrationconsole.product.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the materialized product's launch script the way an administrator does. */
final class Product {

    /** What a run printed and returned. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    static Path dir() {
        Path p = Path.of(System.getProperty("product.dir", "")).toAbsolutePath().normalize();
        if (!Files.isExecutable(p.resolve("migration-console"))) {
            throw new IllegalStateException("no materialized product at " + p + " (run the full build first)");
        }
        return p;
    }

    static Path script() {
        return dir().resolve("migration-console");
    }

    static Path newWorkspace(String name) throws IOException {
        Path base = Path.of(System.getProperty("work.dir", "target/product-test-work"));
        Files.createDirectories(base);
        return Files.createTempDirectory(base, name + "-");
    }

    /** Runs {@code migration-console --headless --workspace WS args...}. */
    static Result headless(Path workspace, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(script().toString(), "--headless", "--workspace",
                workspace.toString()));
        cmd.addAll(List.of(args));
        return run(cmd, Map.of());
    }

    static Result run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        Path out = Files.createTempFile("mc-out", ".txt");
        Path err = Files.createTempFile("mc-err", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    private Product() {
    }
}
