package io.reviewstream.flowservice.console.web;

import io.reviewstream.flowservice.console.config.ConsoleProperties;
import io.reviewstream.flowservice.console.security.ConsoleRole;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

import java.util.Locale;

/** Who is signed in and what they may do, and the CSRF token the pages send with every change. */
@RestController
@RequestMapping("/console/api")
public class ConsoleSessionController {

    private final ConsoleProperties console;

    public ConsoleSessionController(ConsoleProperties console) {
        this.console = console;
    }

    /** Open to everyone: the sign-in form needs the token before anyone has signed in. */
    @GetMapping("/csrf")
    public ObjectNode csrf(CsrfToken csrf) {
        return token(csrf);
    }

    @GetMapping("/me")
    public ObjectNode me(Authentication authentication, CsrfToken csrf) {
        ConsoleRole role = ConsoleRole.of(authentication, console);
        ObjectNode me = ConsoleErrors.JSON.createObjectNode()
                .put("user", authentication.getName())
                .put("role", role.name().toLowerCase(Locale.ROOT))
                .put("canChange", role.canChange());
        me.set("csrf", token(csrf));
        return me;
    }

    private static ObjectNode token(CsrfToken csrf) {
        return ConsoleErrors.JSON.createObjectNode()
                .put("headerName", csrf.getHeaderName())
                .put("parameterName", csrf.getParameterName())
                .put("token", csrf.getToken());
    }
}
