package org.migrationconsole.api.state;

/**
 * OSGi Event Admin topics the state service posts to. In e4 parts, subscribe with
 * {@code @Inject @Optional void changed(@UIEventTopic(StateEvents.TOPIC_ALL) Object data)}.
 */
public final class StateEvents {

    /** Prefix of every topic. */
    public static final String TOPIC_BASE = "org/migrationconsole/state";
    /** Any state event. */
    public static final String TOPIC_ALL = TOPIC_BASE + "/*";
    /** A journal record was appended (transition, note or input). */
    public static final String TOPIC_JOURNAL = TOPIC_BASE + "/JOURNAL";
    /** A step service came or went. */
    public static final String TOPIC_STEPS = TOPIC_BASE + "/STEPS";

    /** Event property: the task (or step) id concerned, if any. */
    public static final String PROP_TASK = "taskId";
    /** Event property: the journal sequence number, if any. */
    public static final String PROP_SEQ = "seq";

    private StateEvents() {
    }
}
