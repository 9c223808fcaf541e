package io.synthkit.spi;

import java.time.Duration;

/**
 * A snapshot of a run in progress, for {@link RunListener#progress}.
 *
 * @param accepted records in the dataset (this and earlier sessions)
 * @param target records the run must produce
 * @param rejected items dropped so far
 * @param acceptedThisSession records accepted since this session started (for rates)
 * @param usage calls, tokens and cost so far (all sessions)
 * @param step what the method says it is doing, e.g. {@code hop 1/2: expanding nodes 1-8 of 40}
 * @param stepDone pieces of the current step's concurrent work finished (see {@link RunContext#parallel})
 * @param stepTotal pieces of the current step's concurrent work, or 0 when the step has none (yet)
 * @param elapsed wall time of this session
 * @param finished true for the last snapshot of the session
 */
public record RunProgress(int accepted, int target, int rejected, int acceptedThisSession, Usage usage, String step,
    int stepDone, int stepTotal, Duration elapsed, boolean finished) {}
