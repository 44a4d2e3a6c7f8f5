package io.reviewstream.taskservice.config;

import io.reviewstream.taskservice.web.JsonErrorReportValve;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
public class WorkerWebConfiguration {

    /**
     * Tomcat's own refusals in the worker API's JSON: its HTML error valve (which Spring Boot adds too) gives way to
     * {@link JsonErrorReportValve}. Runs after Boot's customizers, so that Boot's valve is there to be replaced.
     *
     * <p>A client that asks before sending a body ({@code Expect: 100-continue}) is told to go on only once the
     * application reads the body: an answer refused for its size, team or id is then never sent at all.
     */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonTomcatErrors() {
        return new JsonTomcatErrors();
    }

    private static final class JsonTomcatErrors
            implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addConnectorCustomizers(connector -> connector.setProperty("continueResponseTiming", "onRead"));
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.getPipeline().addValve(new JsonErrorReportValve());
                    // the host adds an instance of this class at start unless one is there already
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
