package io.jesync.config;

/** {@code demo} runs against the built-in simulators; {@code live} against real systems, strictly checked. */
public enum Environment {
    DEMO, LIVE
}
