package io.jesync.http;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;

import io.jesync.testsupport.MainClasses;

/**
 * S4 in the code: the runtime's connections to e-conomic and Norce keep the JDK's certificate and host-name checks
 * (DependencyTlsTest shows what those refuse). No main class brings its own trust manager or host-name verifier,
 * initialises an SSLContext (the way to hand one a trust-all manager), replaces the JVM's default context or gives
 * an HTTP client a context or parameters of its own.
 */
class TlsTrustRulesTest {
    static final ArchRule NO_OWN_TRUST = noClasses().should().beAssignableTo(TrustManager.class)
            .orShould().beAssignableTo(HostnameVerifier.class)
            .because("a trust manager or verifier of our own is how certificate checks get switched off");

    static final ArchRule NO_OWN_TLS_SET_UP = noClasses()
            .should().callMethod(SSLContext.class, "init", KeyManager[].class, TrustManager[].class,
                    SecureRandom.class)
            .orShould().callMethod(SSLContext.class, "setDefault", SSLContext.class)
            .orShould().callMethodWhere(target(nameMatching("setHostnameVerifier|setDefaultHostnameVerifier"
                    + "|setSSLSocketFactory|setDefaultSSLSocketFactory"))
                    .and(target(owner(assignableTo(HttpsURLConnection.class)))))
            .orShould().callMethod(HttpClient.Builder.class, "sslContext", SSLContext.class)
            .orShould().callMethod(HttpClient.Builder.class, "sslParameters", SSLParameters.class)
            .because("the JDK's defaults check the certificate chain, its dates and the host name");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = MainClasses.imported();
    }

    @Test
    void no_main_class_is_a_trust_manager_or_host_name_verifier() {
        NO_OWN_TRUST.check(main);
    }

    @Test
    void no_main_class_sets_up_tls_trust_itself() {
        NO_OWN_TLS_SET_UP.check(main);
    }

    @Test
    void the_rules_catch_a_trust_all_manager_and_the_calls_that_install_it() {
        JavaClasses sample = new ClassFileImporter().importClasses(TrustAll.class, InstallsTrustAll.class);

        assertThat(NO_OWN_TRUST.evaluate(sample).getFailureReport().getDetails()).hasSize(1);
        assertThat(NO_OWN_TLS_SET_UP.evaluate(sample).getFailureReport().getDetails()).hasSize(3);
    }

    /** What the rules are there to keep out. */
    static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    static final class InstallsTrustAll {
        HttpClient client() throws Exception {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            HttpsURLConnection.setDefaultHostnameVerifier((host, session) -> true);
            return HttpClient.newBuilder().sslContext(context).build();
        }
    }
}
