package io.reviewstream.taskservice.web;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A minimal OpenID Connect provider on a loopback port: discovery, JWKS, an authorize endpoint that signs in the
 * account set with {@link #nextSignIn} at once (no login page) and a token endpoint that trades the code for an
 * RS256-signed ID token, optionally forged in one way. No user-info endpoint, so groups come from the ID token.
 */
final class OidcProviderStub implements AutoCloseable {

    static final String CLIENT_ID = "task-service-portal";
    static final String CLIENT_SECRET = "portal-secret";

    /** Accounts the provider knows, by what the ID token says about them. */
    record Account(String subject, String username, List<String> groups) {
    }

    /** How the next ID token is made wrong, if at all. */
    enum Forgery { NONE, OTHER_KEY, WRONG_NONCE, WRONG_AUDIENCE, WRONG_ISSUER }

    private record Grant(Account account, Forgery forgery, String nonce, String redirectUri) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final RSAKey key;
    /** Same key id as {@link #key}, so a token it signs names the published key but does not verify against it. */
    private final RSAKey impostor;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile Account nextAccount;
    private volatile Forgery nextForgery = Forgery.NONE;

    OidcProviderStub() {
        try {
            key = new RSAKeyGenerator(2048).keyID("stub-key").generate();
            impostor = new RSAKeyGenerator(2048).keyID("stub-key").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/openid-configuration", exchange -> json(exchange, 200, Map.of(
                "issuer", issuer(),
                "authorization_endpoint", issuer() + "/authorize",
                "token_endpoint", issuer() + "/token",
                "jwks_uri", issuer() + "/jwks",
                "response_types_supported", List.of("code"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256"),
                "scopes_supported", List.of("openid", "profile"),
                "token_endpoint_auth_methods_supported", List.of("client_secret_basic"))));
        server.createContext("/jwks", exchange -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toJSONObject()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The account the next authorization request signs in, and how its ID token is forged. */
    void nextSignIn(Account account, Forgery forgery) {
        nextAccount = account;
        nextForgery = forgery;
    }

    /** How many codes were traded for tokens: a refused sign-in got this far when the count went up. */
    int tokensIssued() {
        return tokensIssued.get();
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        Account account = nextAccount;
        if (account == null || !CLIENT_ID.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
                || !String.valueOf(query.get("scope")).contains("openid")) {
            json(exchange, 400, Map.of("error", "invalid_request"));
            return;
        }
        String code = UUID.randomUUID().toString();
        codes.put(code, new Grant(account, nextForgery, query.get("nonce"), query.get("redirect_uri")));
        String back = query.get("redirect_uri") + "?code=" + code
                + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", back);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String expectedClient = "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        if (!expectedClient.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            json(exchange, 401, Map.of("error", "invalid_client"));
            return;
        }
        Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
        if (!"authorization_code".equals(form.get("grant_type")) || grant == null
                || !grant.redirectUri().equals(form.get("redirect_uri"))) {
            json(exchange, 400, Map.of("error", "invalid_grant"));
            return;
        }
        tokensIssued.incrementAndGet();
        json(exchange, 200, Map.of("access_token", UUID.randomUUID().toString(), "token_type", "Bearer",
                "expires_in", 300, "scope", "openid profile", "id_token", idToken(grant)));
    }

    private String idToken(Grant grant) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(grant.forgery() == Forgery.WRONG_ISSUER ? "http://127.0.0.1:1/elsewhere" : issuer())
                .subject(grant.account().subject())
                .audience(grant.forgery() == Forgery.WRONG_AUDIENCE ? "some-other-client" : CLIENT_ID)
                .claim("nonce", grant.forgery() == Forgery.WRONG_NONCE ? "not-the-nonce" : grant.nonce())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .claim("preferred_username", grant.account().username())
                .claim("groups", grant.account().groups())
                .build();
        RSAKey signer = grant.forgery() == Forgery.OTHER_KEY ? impostor : key;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(signer));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static Map<String, String> form(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Map.of();
        }
        return Arrays.stream(encoded.split("&")).map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                        p -> p.length < 2 ? "" : URLDecoder.decode(p[1], StandardCharsets.UTF_8), (a, b) -> b));
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
