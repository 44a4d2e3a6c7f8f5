package io.reviewstream.flowservice.console.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The console's own address opens its busiest page. */
@Controller
public class ConsolePagesController {

    @GetMapping({"/console", "/console/"})
    public String home() {
        return "redirect:/console/loops.html";
    }
}
