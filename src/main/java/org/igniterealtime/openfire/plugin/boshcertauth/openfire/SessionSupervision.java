package org.igniterealtime.openfire.plugin.boshcertauth.openfire;

import org.igniterealtime.openfire.plugin.boshcertauth.session.SessionSupervisor;
import org.jivesoftware.util.TaskEngine;

import java.time.Duration;
import java.util.TimerTask;

/** Runs the live-session supervisor on Openfire's TaskEngine every {@link SessionSupervisor#PERIOD} until stopped. */
public final class SessionSupervision {

    private final TimerTask task;

    private SessionSupervision(TimerTask task) {
        this.task = task;
    }

    public static SessionSupervision start(SessionSupervisor supervisor) {
        final TimerTask task = new TimerTask() {
            @Override
            public void run() {
                supervisor.tick();
            }
        };
        TaskEngine.getInstance().schedule(task, Duration.ofSeconds(1), SessionSupervisor.PERIOD);
        return new SessionSupervision(task);
    }

    public void stop() {
        TaskEngine.getInstance().cancelScheduledTask(task);
    }
}
