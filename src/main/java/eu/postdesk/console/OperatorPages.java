package eu.postdesk.console;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.postdesk.ConfFiles;
import eu.postdesk.PostdeskProperties;
import eu.postdesk.pipeline.MailPipeline;
import eu.postdesk.pipeline.Outcomes;
import eu.postdesk.spool.Spool;

/**
 * The operators' pages: the pipeline (spool figures, the quarantine with "process again", the mail
 * dropped and why), the active mailet chain (read-only) and the console's accounts.
 */
@Controller
class OperatorPages {
    private final Spool spool;
    private final Outcomes outcomes;
    private final MailPipeline pipeline;
    private final ConfFiles conf;
    private final PostdeskProperties properties;
    private final ConsoleUsers users;

    OperatorPages(Spool spool, Outcomes outcomes, MailPipeline pipeline, ConfFiles conf, PostdeskProperties properties, ConsoleUsers users) {
        this.spool = spool;
        this.outcomes = outcomes;
        this.pipeline = pipeline;
        this.conf = conf;
        this.properties = properties;
        this.users = users;
    }

    @GetMapping("/ops/pipeline")
    String pipeline(Model model) {
        model.addAttribute("figures", spool.figures());
        model.addAttribute("quarantined", outcomes.quarantined());
        model.addAttribute("dropped", outcomes.dropped());
        return "pipeline";
    }

    /** "Process again": the same service as {@code POST /api/quarantine/{id}/retry}. */
    @PostMapping("/ops/quarantine/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        if (!pipeline.retryQuarantined(id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("retried", id);
        return "redirect:/ops/pipeline";
    }

    @GetMapping("/ops/chain")
    String chain(Model model) throws java.io.IOException {
        String file = properties.getPipeline().getChain();
        if (file != null) {
            model.addAttribute("origin", file);
            model.addAttribute("chain", java.nio.file.Files.readString(java.nio.file.Path.of(file)));
        } else {
            model.addAttribute("origin", conf.origin("mailetcontainer.xml"));
            model.addAttribute("chain", conf.text("mailetcontainer.xml").orElse(""));
        }
        return "chain";
    }

    @GetMapping("/users")
    String users(Model model) {
        model.addAttribute("users", users.all());
        return "users";
    }

    @PostMapping("/users")
    String create(@RequestParam String username, @RequestParam String role, @RequestParam String password, Authentication authentication,
            RedirectAttributes redirect) {
        try {
            users.create(username.strip(), role, password, SignedIn.user(authentication).who());
            redirect.addFlashAttribute("created", username.strip());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/users";
    }
}
