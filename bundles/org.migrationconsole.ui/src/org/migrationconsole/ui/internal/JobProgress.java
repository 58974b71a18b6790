package org.migrationconsole.ui.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.IJobManager;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.core.runtime.jobs.ProgressProvider;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.MApplication;

/**
 * The e4 progress service of the console (an application add-on): a {@link ProgressProvider}
 * for the job manager, so every job's monitor reports here, and the list of running user jobs
 * that the Progress view shows and cancels. Put into the application context as
 * {@code JobProgress}. Holds no SWT: listeners are told from the job's thread and hop to the UI
 * thread themselves.
 */
public final class JobProgress {

    /** What one running job said so far. */
    public static final class Entry {
        final Job job;
        volatile String task = "";
        volatile String subTask = "";
        volatile int total = IProgressMonitor.UNKNOWN;
        volatile double worked;
        volatile boolean canceled;
        final long order;

        Entry(Job job, long order) {
            this.job = job;
            this.order = order;
        }

        public Job job() {
            return job;
        }

        public String name() {
            return job.getName();
        }

        /** The task and sub-task text, or "" before the job said anything. */
        public String detail() {
            String t = task == null ? "" : task;
            String s = subTask == null ? "" : subTask;
            return s.isEmpty() ? t : t.isEmpty() ? s : t + ": " + s;
        }

        /** 0..100, or -1 while the amount of work is unknown. */
        public int percent() {
            int t = total;
            return t <= 0 ? -1 : (int) Math.min(100, Math.round(worked * 100 / t));
        }

        public boolean canceled() {
            return canceled || job.getState() == Job.NONE;
        }
    }

    private final Map<Job, Entry> running = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong order = new AtomicLong();
    private IJobManager manager;

    private final IJobChangeListener jobs = new JobChangeAdapter() {
        @Override
        public void scheduled(IJobChangeEvent event) {
            entry(event.getJob());
        }

        @Override
        public void done(IJobChangeEvent event) {
            if (running.remove(event.getJob()) != null) {
                changed();
            }
        }
    };

    private final ProgressProvider provider = new ProgressProvider() {
        @Override
        public IProgressMonitor createMonitor(Job job) {
            Entry e = entry(job);
            return e == null ? new org.eclipse.core.runtime.NullProgressMonitor() : new Monitor(e);
        }
    };

    @PostConstruct
    public void start(MApplication app) {
        IEclipseContext context = app.getContext();
        context.set(JobProgress.class, this);
        manager = Job.getJobManager();
        manager.addJobChangeListener(jobs);
        manager.setProgressProvider(provider);
    }

    @PreDestroy
    public void stop() {
        if (manager != null) {
            manager.removeJobChangeListener(jobs);
            manager.setProgressProvider(null);
        }
        running.clear();
    }

    /** The running (or waiting) user jobs, oldest first. */
    public List<Entry> running() {
        List<Entry> l = new ArrayList<>(running.values());
        l.sort(java.util.Comparator.comparingLong(e -> e.order));
        return l;
    }

    /** Called (from any thread) whenever a job starts, reports progress or ends. */
    public void addListener(Runnable r) {
        listeners.add(r);
    }

    public void removeListener(Runnable r) {
        listeners.remove(r);
    }

    /** Asks a job to stop (its monitor reports cancelled at the job's next check). */
    public void cancel(Entry e) {
        e.canceled = true;
        e.job.cancel();
        changed();
    }

    private Entry entry(Job job) {
        if (job.isSystem()) {
            return null;
        }
        Entry e = running.computeIfAbsent(job, j -> new Entry(j, order.incrementAndGet()));
        changed();
        return e;
    }

    private void changed() {
        for (Runnable r : listeners) {
            r.run();
        }
    }

    private final class Monitor implements IProgressMonitor {
        private final Entry e;

        Monitor(Entry e) {
            this.e = e;
        }

        @Override
        public void beginTask(String name, int totalWork) {
            e.task = name == null ? "" : name;
            e.total = totalWork;
            e.worked = 0;
            changed();
        }

        @Override
        public void done() {
            e.worked = Math.max(e.worked, e.total);
            changed();
        }

        @Override
        public void internalWorked(double work) {
            e.worked += work;
            changed();
        }

        @Override
        public boolean isCanceled() {
            return e.canceled;
        }

        @Override
        public void setCanceled(boolean value) {
            e.canceled = value;
            changed();
        }

        @Override
        public void setTaskName(String name) {
            e.task = name == null ? "" : name;
            changed();
        }

        @Override
        public void subTask(String name) {
            e.subTask = name == null ? "" : name;
            changed();
        }

        @Override
        public void worked(int work) {
            internalWorked(work);
        }
    }
}
