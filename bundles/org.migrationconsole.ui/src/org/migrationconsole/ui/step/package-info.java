/**
 * The shared UI of step plug-ins: the checklist part, the notes-and-inputs editor and the task
 * handlers. A step plug-in needs no Java UI code of its own: its {@code fragment.e4xmi} names
 * these classes with {@code bundleclass://org.migrationconsole.ui/...} URIs and binds them to
 * its step through the part descriptor's persisted state key {@value StepParts#STEP_ID}.
 */
package org.migrationconsole.ui.step;
