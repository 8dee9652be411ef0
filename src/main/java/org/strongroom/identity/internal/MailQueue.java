package org.strongroom.identity.internal;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One background thread for work that must not show in a response's timing: looking up an
 * address for a password reset and sending the mail. The queue is bounded (a flood of reset
 * requests cannot exhaust memory); what does not fit is dropped with a warning.
 */
@Component
public class MailQueue implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(MailQueue.class);
    static final int CAPACITY = 200;

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(CAPACITY), runnable -> {
                Thread thread = new Thread(runnable, "strongroom-mail");
                thread.setDaemon(true);
                return thread;
            });

    /** Queues the task; false (and a warning) when the queue is full. */
    public boolean submit(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // The message of our own exceptions names no person; others are reduced to their type.
                    LOG.warn("Background mail task failed: {}", e.getClass().getSimpleName());
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            LOG.warn("Mail queue full ({} waiting); a message was dropped", CAPACITY);
            return false;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
