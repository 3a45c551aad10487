package io.jesync;

import java.util.List;
import java.util.Optional;

/** The options of the one-shot commands ({@code --check}, {@code --replay}, {@code --initial-sync}). */
final class CommandOptions {
    private CommandOptions() {
    }

    /**
     * The value that follows {@code option}; empty when the option is not given. An option given without its value
     * (last on the line, or followed by another option) is a usage error saying that it needs {@code what}.
     */
    static Optional<String> valueOf(List<String> args, String option, String what) {
        int at = args.indexOf(option);
        if (at < 0) {
            return Optional.empty();
        }
        if (at + 1 >= args.size() || args.get(at + 1).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs " + what);
        }
        return Optional.of(args.get(at + 1));
    }
}
