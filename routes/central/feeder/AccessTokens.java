package io.edgeloop.feeder;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-edge upload tokens, from the setting {@code feeder.tokens} ({@code edge1=token1,edge2=token2},
 * a Secret in the cluster). An edge with a token must send {@code Authorization: Bearer <token>}; an
 * edge without one may upload freely, as on a laptop.
 */
public final class AccessTokens {

    private AccessTokens() {
    }

    public static boolean allows(String tokens, String edgeId, String authorization) {
        String expected = parse(tokens).get(edgeId);
        if (expected == null) {
            return true;
        }
        String presented = authorization != null && authorization.startsWith("Bearer ")
                ? authorization.substring("Bearer ".length()).trim() : "";
        // Constant-time comparison: the reply time must not reveal how much of a guess was right.
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> parse(String tokens) {
        Map<String, String> byEdge = new HashMap<>();
        if (tokens == null) {
            return byEdge;
        }
        for (String pair : tokens.split(",")) {
            int separator = pair.indexOf('=');
            if (separator > 0) {
                byEdge.put(pair.substring(0, separator).trim(), pair.substring(separator + 1).trim());
            }
        }
        return byEdge;
    }
}
