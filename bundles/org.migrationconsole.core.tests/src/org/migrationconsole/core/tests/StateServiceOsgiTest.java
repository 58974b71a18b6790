package org.migrationconsole.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.migrationconsole.api.state.MigrationStateService;
import org.migrationconsole.api.state.StateEvents;
import org.migrationconsole.api.state.StepStatus;
import org.migrationconsole.api.state.TaskState;
import org.migrationconsole.api.state.TaskStatus;
import org.migrationconsole.api.step.MigrationStep;
import org.migrationconsole.api.step.TaskDescriptor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

/** Runs inside the OSGi framework with DS, Event Admin and the eight step bundles. */
class StateServiceOsgiTest {

    private static final List<String> STEP_ORDER = List.of("prepare", "install", "join", "move", "redirect",
            "demote", "post", "bpa");

    private final BundleContext context = FrameworkUtil.getBundle(StateServiceOsgiTest.class).getBundleContext();

    private MigrationStateService service() throws InterruptedException {
        ServiceTracker<MigrationStateService, MigrationStateService> t = new ServiceTracker<>(context,
                MigrationStateService.class, null);
        t.open();
        MigrationStateService s = t.waitForService(10_000);
        assertNotNull(s, "the migration-state service is registered");
        return s;
    }

    @Test
    void theStateServiceComesFromCoreAndAllEightStepsAreRegisteredInOrder() throws Exception {
        MigrationStateService state = service();
        ServiceReference<MigrationStateService> ref = context.getServiceReference(MigrationStateService.class);
        assertEquals("org.migrationconsole.core", ref.getBundle().getSymbolicName());

        Collection<ServiceReference<MigrationStep>> steps = context.getServiceReferences(MigrationStep.class, null);
        assertEquals(8, steps.size(), "eight step services");

        List<StepStatus> ordered = state.steps();
        assertEquals(STEP_ORDER, ordered.stream().map(StepStatus::id).toList());
        for (StepStatus s : ordered) {
            assertEquals("org.migrationconsole.step." + s.id(), s.bundleId());
            assertFalse(s.tasks().isEmpty(), s.id() + " has tasks");
            assertFalse(s.step().title().isBlank());
        }
    }

    @Test
    void everyTaskIdIsUniqueBelongsToItsStepAndEveryPrerequisiteExists() throws Exception {
        List<StepStatus> steps = service().steps();
        Set<String> ids = new HashSet<>();
        for (StepStatus s : steps) {
            for (TaskStatus t : s.tasks()) {
                assertTrue(ids.add(t.id()), "duplicate task id " + t.id());
                assertEquals(s.id(), t.descriptor().stepId(), t.id());
            }
        }
        Set<String> allPaths = new HashSet<>(ids); // tasks of the other install path are hidden but exist
        steps.forEach(s -> s.step().tasks().forEach(t -> allPaths.add(t.id())));
        for (StepStatus s : steps) {
            for (TaskStatus t : s.tasks()) {
                for (String p : t.descriptor().prerequisites()) {
                    assertTrue(allPaths.contains(p), t.id() + " names unknown prerequisite " + p);
                }
            }
        }
        assertTrue(allPaths.size() >= 50, "the catalog's task rows: " + allPaths.size());
    }

    @Test
    void aTransitionIsJournalledAndPublishedAsAnEvent() throws Exception {
        MigrationStateService state = service();
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> reg = context.registerService(EventHandler.class, events::add,
                new java.util.Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, StateEvents.TOPIC_ALL)));
        try {
            String id = "prepare.dhcp-plan";
            if (state.task(id).orElseThrow().recordedState() != TaskState.NOT_STARTED) {
                state.reset(id, "test run starts from a clean task");
                events.clear();
            }
            int before = state.journal().size();
            TaskStatus after = state.start(id, "osgi test");
            assertEquals(TaskState.IN_PROGRESS, after.state());
            assertEquals(before + 1, state.journal().size());
            Event e = events.poll(10, TimeUnit.SECONDS);
            assertNotNull(e, "an event was posted");
            assertEquals(StateEvents.TOPIC_JOURNAL, e.getTopic());
            assertEquals(id, e.getProperty(StateEvents.PROP_TASK));
            state.reset(id, "leave the workspace as found");
        } finally {
            reg.unregister();
        }
    }

    @Test
    void stoppingAStepBundleRemovesTheStepAndStartingItBringsItBack() throws Exception {
        MigrationStateService state = service();
        org.osgi.framework.Bundle bpa = java.util.Arrays.stream(context.getBundles())
                .filter(b -> b.getSymbolicName().equals("org.migrationconsole.step.bpa")).findFirst().orElseThrow();
        bpa.stop();
        try {
            assertEquals(STEP_ORDER.subList(0, 7), state.steps().stream().map(StepStatus::id).toList());
            assertTrue(state.task("bpa.run").isEmpty(), "the step's tasks leave with it");
        } finally {
            bpa.start();
        }
        assertEquals(STEP_ORDER, state.steps().stream().map(StepStatus::id).toList());
    }

    @Test
    void aStepRegisteredLaterJoinsInItsPlaceAndLeavesWhenUnregistered() throws Exception {
        MigrationStateService state = service();
        MigrationStep partner = TestSteps.step("partner", 250, List.of(TaskDescriptor.builder("partner.inventory")
                .title("Inventory").after("install.run-setup").build()), List.of());
        ServiceRegistration<MigrationStep> reg = context.registerService(MigrationStep.class, partner, null);
        try {
            List<String> ids = state.steps().stream().map(StepStatus::id).toList();
            assertEquals(List.of("prepare", "install", "partner", "join", "move", "redirect", "demote", "post", "bpa"),
                    ids);
            assertEquals(TaskState.BLOCKED, state.task("partner.inventory").orElseThrow().state());
        } finally {
            reg.unregister();
        }
        assertEquals(STEP_ORDER, state.steps().stream().map(StepStatus::id).toList());
    }
}
