package org.strongroom.operations.internal;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Hardening of the embedded Tomcat that Boot has no properties for: the server picks the cipher
 * suite (so the strongest forward-secret AEAD suite wins), Tomcat's own error pages never name
 * Tomcat or its version, and TRACE reaches the application's method filter (which refuses it with
 * the full set of security headers) instead of being answered by the connector without them.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
class TomcatHardening implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>,
        ApplicationListener<WebServerInitializedEvent> {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(QuietErrorReportValve.class.getName());
            }
        });
        factory.addConnectorCustomizers(connector -> {
            connector.setAllowTrace(true);
            connector.setXpoweredBy(false);
            for (SSLHostConfig host : connector.findSslHostConfigs()) {
                host.setHonorCipherOrder(true);
            }
        });
    }

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (event.getWebServer() instanceof TomcatWebServer tomcat) {
            for (Container host : tomcat.getTomcat().getEngine().findChildren()) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve report) {
                        report.setShowReport(false);
                        report.setShowServerInfo(false);
                    }
                }
            }
        }
    }
}
