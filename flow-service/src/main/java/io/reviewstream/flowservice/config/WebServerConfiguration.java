package io.reviewstream.flowservice.config;

import io.reviewstream.flowservice.api.AwsErrorReportValve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The web server's own refusals answered in the AWS error shape (see {@link AwsErrorReportValve}). */
@Configuration
public class WebServerConfiguration {

    /**
     * Runs after Spring Boot's customizer, which puts Tomcat's report on the host: that one is replaced, and the host
     * is told the class of its report, or it would add Tomcat's again when it starts.
     */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> awsErrorReport() {
        return new Customizer();
    }

    private static final class Customizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
            Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                StandardHost host = (StandardHost) context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.setErrorReportValveClass(AwsErrorReportValve.class.getName());
                host.getPipeline().addValve(new AwsErrorReportValve());
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
