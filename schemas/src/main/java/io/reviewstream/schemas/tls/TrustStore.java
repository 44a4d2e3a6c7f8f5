package io.reviewstream.schemas.tls;

import org.springframework.core.io.Resource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Arrays;

/**
 * The certificates a client trusts instead of the JVM's, for a server whose CA is private, in the two forms HTTP
 * clients take them.
 *
 * @param sslContext   a TLS context that trusts exactly these certificates
 * @param trustManager its trust manager
 */
public record TrustStore(SSLContext sslContext, X509TrustManager trustManager) {

    /** @param setting the key that names {@code location}, for the message when it cannot be read */
    public static TrustStore load(Resource location, String password, String type, String setting) {
        try (InputStream in = location.getInputStream()) {
            KeyStore store = KeyStore.getInstance(type);
            store.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            X509TrustManager trustManager = Arrays.stream(factory.getTrustManagers())
                    .filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast).findFirst()
                    .orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{trustManager}, null);
            return new TrustStore(context, trustManager);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(setting + ": cannot read the trust store " + location.getDescription()
                    + ": " + e.getMessage(), e);
        }
    }
}
