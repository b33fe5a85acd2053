// Compile-only declaration of Openfire 5.1.1 API (see src/openfire-api/README.md). Not packaged.
package org.jivesoftware.util;

import java.time.Duration;
import java.util.Map;
import java.util.TimerTask;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Declares the TaskEngine members the plugin calls (same in Openfire 5.0.5, 5.1.1 and 5.2). The stand-in only records
 * what is scheduled and cancelled (tests read it); it runs nothing — a test runs a task itself when it needs to.
 */
public class TaskEngine {
    private static final TaskEngine instance = new TaskEngine();
    private final Map<TimerTask, Duration> scheduled = new ConcurrentHashMap<>();

    private TaskEngine() {}

    public static TaskEngine getInstance() {
        return instance;
    }

    public void schedule(TimerTask task, Duration delay, Duration period) {
        scheduled.put(task, period);
    }

    /** One-shot tasks (kept apart from the periodic ones in {@code scheduled}, which tests read as what stays running). */
    private final Map<TimerTask, Duration> delayed = new ConcurrentHashMap<>();

    public void schedule(TimerTask task, Duration delay) {
        delayed.put(task, delay);
    }

    public void cancelScheduledTask(TimerTask task) {
        if (scheduled.remove(task) != null) {
            task.cancel();
        }
    }
}
