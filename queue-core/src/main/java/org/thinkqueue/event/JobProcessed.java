package org.thinkqueue.event;

import java.time.Duration;
import org.thinkqueue.Job;

/** Fired after a handler returned normally; {@code elapsed} is the handler's run time. */
public record JobProcessed(String connection, Job job, Duration elapsed) {}
