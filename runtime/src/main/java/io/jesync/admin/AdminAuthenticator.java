package io.jesync.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;


/**
 * Checks an {@code Authorization} header against the admin credentials: HTTP Basic with {@code admin.username} and
 * {@code admin.password}, or {@code Bearer} with {@code admin.token}. Values are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, so neither the time taken nor an early exit tells a caller how much of a guess was
 * right, nor how long the secret is.
 */
public final class AdminAuthenticator {
    /** The challenge sent with every 401. */
    public static final String CHALLENGE = "Basic realm=\"jesync admin\", charset=\"UTF-8\"";

    public enum Verdict { ACCEPTED, MISSING, REFUSED }

    private final byte[] username;
    private final byte[] password;
    private final Optional<byte[]> token;

    public AdminAuthenticator(AdminSettings settings) {
        this.username = digest(settings.username());
        this.password = digest(settings.password().reveal());
        this.token = settings.token().map(secret -> digest(secret.reveal()));
    }

    public Verdict check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Verdict.MISSING;
        }
        int space = authorization.indexOf(' ');
        if (space < 0) {
            return Verdict.REFUSED;
        }
        String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
        String value = authorization.substring(space + 1).strip();
        return switch (scheme) {
            case "basic" -> basic(value);
            case "bearer" -> token.isPresent() && MessageDigest.isEqual(token.get(), digest(value))
                    ? Verdict.ACCEPTED : Verdict.REFUSED;
            default -> Verdict.REFUSED;
        };
    }

    private Verdict basic(String encoded) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Verdict.REFUSED;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Verdict.REFUSED;
        }
        // Both halves are always compared, so a wrong user name costs as long as a wrong password.
        boolean userMatches = MessageDigest.isEqual(username, digest(decoded.substring(0, colon)));
        boolean passwordMatches = MessageDigest.isEqual(password, digest(decoded.substring(colon + 1)));
        return userMatches & passwordMatches ? Verdict.ACCEPTED : Verdict.REFUSED;
    }

    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
