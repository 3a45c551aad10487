package io.jesync.config;

/**
 * The built-in simulators of both remote systems. Only demo mode starts them; {@code ordersPerMinute} is the
 * demo order generator's steady rate (0 turns it off) and {@code accountantIntervalSeconds} how often the demo's
 * accountant moves documents along in e-conomic (0 turns it off).
 */
public record SimulatorSettings(int economicPort, int norcePort, long seed, double ordersPerMinute,
                                int accountantIntervalSeconds) {
}
