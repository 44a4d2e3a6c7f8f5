package io.reviewstream.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed server certificate for 127.0.0.1 and localhost, made with the JDK's keytool, and a trust store that
 * trusts it: enough for in-process servers to speak TLS to clients that verify host names, with no key material
 * kept in the repository.
 *
 * @param keyStore   PKCS12 store with the server's key and certificate
 * @param trustStore PKCS12 store with the certificate alone
 * @param password   password of both stores
 */
public record TestCertificates(Path keyStore, Path trustStore, String password) {

    private static final String ALIAS = "server";

    /** Generates a new key pair and its certificate into {@code dir}. */
    public static TestCertificates generate(Path dir, String commonName) {
        String password = "changeit";
        Path keyStore = dir.resolve(commonName + "-keystore.p12");
        Path certificate = dir.resolve(commonName + ".crt");
        Path trustStore = dir.resolve(commonName + "-truststore.p12");
        try {
            Files.createDirectories(dir);
            for (Path stale : List.of(keyStore, certificate, trustStore)) {
                Files.deleteIfExists(stale);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + commonName, "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", password);
        keytool("-exportcert", "-alias", ALIAS, "-rfc", "-file", certificate.toString(),
                "-keystore", keyStore.toString(), "-storepass", password);
        keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", password);
        return new TestCertificates(keyStore, trustStore, password);
    }

    private static void keytool(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
