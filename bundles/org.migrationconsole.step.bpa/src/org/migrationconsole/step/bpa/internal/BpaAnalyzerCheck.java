package org.migrationconsole.step.bpa.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.migrationconsole.api.check.CheckContext;
import org.migrationconsole.api.check.CheckResult;
import org.migrationconsole.api.check.DeclaredCheck;
import org.migrationconsole.api.check.Severity;
import org.migrationconsole.step.bpa.internal.rules.BpaRule;
import org.migrationconsole.step.bpa.internal.rules.Finding;
import org.migrationconsole.step.bpa.internal.rules.Target;

/**
 * The check through which an analyzer run reads the destination: the check runner connects to
 * the destination (LDAP, DNS, SMB) and gives this check its {@link CheckContext}; the check runs
 * every rule on it, a few at a time, each bounded. It is registered only while {@link BpaService}
 * runs the analyzer, so a pre-flight {@code check} never sees it; a run it does not belong to
 * (another profile) skips it.
 */
final class BpaAnalyzerCheck extends DeclaredCheck {

    static final String ID = "bpa.analyzer";
    /** Rules running at once (each may hold one LDAP connection of the run's pool). */
    static final int PARALLEL = 4;
    static final Duration RULE_TIMEOUT = Duration.ofSeconds(Long.getLong("migrationconsole.bpa.ruleSeconds", 20));

    private final BpaService.Request request;

    BpaAnalyzerCheck(BpaService.Request request) {
        super(ID, "Best Practices Analyzer of the destination", "bpa", Severity.WARNING, null, false,
                Duration.ofSeconds(180));
        this.request = request;
    }

    @Override
    public CheckResult run(CheckContext c) throws Exception {
        if (c.profile() != request.profile()) {
            return CheckResult.skipped("The analyzer runs with 'bpa run' (or the BPA view), connected to the"
                    + " destination itself", List.of("this run reads " + c.profile().sourceHost()));
        }
        Target target = new Target(c, request.profile().destinationHost(), request.profile().destinationAddress(),
                request.oldServer());
        Thread caller = Thread.currentThread();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
            Thread t = new Thread(r, "bpa-rule");
            t.setDaemon(true);
            return t;
        });
        List<Finding> findings = new ArrayList<>();
        try {
            List<BpaRule> rules = request.rules();
            List<Future<Finding>> futures = new ArrayList<>();
            long[] started = new long[rules.size()];
            for (int i = 0; i < rules.size(); i++) {
                BpaRule r = rules.get(i);
                int at = i;
                futures.add(pool.submit(() -> {
                    started[at] = System.nanoTime();
                    return r.evaluate(target);
                }));
            }
            for (int i = 0; i < rules.size(); i++) {
                BpaRule r = rules.get(i);
                Finding f = null;
                while (f == null) {
                    if (caller.isInterrupted()) {
                        futures.forEach(x -> x.cancel(true));
                        request.finish(findings, true);
                        return CheckResult.skipped("Cancelled", List.of());
                    }
                    try {
                        f = futures.get(i).get(100, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        if (started[i] != 0 && System.nanoTime() - started[i] > RULE_TIMEOUT.toNanos()) {
                            futures.get(i).cancel(true);
                            f = r.error("Timed out after " + RULE_TIMEOUT.toSeconds() + " s");
                        }
                    } catch (java.util.concurrent.ExecutionException e) {
                        f = r.error("Failed: " + e.getCause());
                    } catch (InterruptedException e) {
                        caller.interrupt();
                    }
                }
                findings.add(f);
                request.progress(f);
            }
        } finally {
            pool.shutdownNow();
        }
        request.finish(findings, false);
        List<String> evidence = new ArrayList<>();
        long open = 0;
        for (Finding f : findings) {
            if (f.open()) {
                open++;
                evidence.add("[" + f.severity() + "] " + f.ruleId() + ": " + f.message());
            }
        }
        evidence.add(findings.size() + " rules read " + target.destination() + " (LDAP, DNS and SMB at "
                + c.dns().server() + ")");
        if (open == 0) {
            return CheckResult.pass("No finding on " + target.destination(), evidence);
        }
        return CheckResult.fail(open + " finding(s) on " + target.destination(), evidence,
                "See each finding's evidence and remedy: 'bpa show latest' or the Best Practices Analyzer view.");
    }
}
