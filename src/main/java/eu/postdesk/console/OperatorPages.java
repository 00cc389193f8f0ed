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

    private final io.micrometer.core.instrument.MeterRegistry registry;
    private final eu.postdesk.api.ApiTokens tokens;

    OperatorPages(Spool spool, Outcomes outcomes, MailPipeline pipeline, ConfFiles conf, PostdeskProperties properties, ConsoleUsers users,
                  io.micrometer.core.instrument.MeterRegistry registry, eu.postdesk.api.ApiTokens tokens) {
        this.registry = registry;
        this.tokens = tokens;
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
        model.addAttribute("mailets", mailetFigures());
        return "chain";
    }

    /** One mailet of the running chain as its metrics say (the same timers {@code /actuator/prometheus} shows). */
    record MailetFigure(String processor, String mailet, long ok, long errors, double meanMillis, double maxMillis) {
    }

    private java.util.List<MailetFigure> mailetFigures() {
        java.util.Map<String, long[]> counts = new java.util.TreeMap<>();
        java.util.Map<String, double[]> times = new java.util.HashMap<>();
        for (io.micrometer.core.instrument.Timer timer : registry.find("postdesk.mailet").timers()) {
            String key = timer.getId().getTag("processor") + " " + timer.getId().getTag("mailet");
            boolean error = "error".equals(timer.getId().getTag("outcome"));
            counts.computeIfAbsent(key, k -> new long[2])[error ? 1 : 0] += timer.count();
            double[] t = times.computeIfAbsent(key, k -> new double[3]);
            t[0] += timer.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
            t[1] += timer.count();
            t[2] = Math.max(t[2], timer.max(java.util.concurrent.TimeUnit.MILLISECONDS));
        }
        return counts.entrySet().stream().map(e -> {
            String[] key = e.getKey().split(" ", 2);
            double[] t = times.get(e.getKey());
            return new MailetFigure(key[0], key[1], e.getValue()[0], e.getValue()[1], t[1] == 0 ? 0 : Math.round(t[0] / t[1] * 100) / 100.0,
                    Math.round(t[2] * 100) / 100.0);
        }).toList();
    }

    /** API tokens: listed (never their values), issued and revoked through the same {@code ApiTokens} as {@code /api/tokens}. */
    @GetMapping("/ops/tokens")
    String tokens(Model model, Authentication authentication) {
        model.addAttribute("tokens", tokens.list(holder(authentication)));
        model.addAttribute("roles", java.util.List.of(eu.postdesk.api.ApiTokens.AGENT, eu.postdesk.api.ApiTokens.SUPERVISOR, eu.postdesk.api.ApiTokens.ADMIN));
        model.addAttribute("agents", properties.getAgents().stream().map(PostdeskProperties.Agent::getAddress).toList());
        return "tokens";
    }

    @PostMapping("/ops/tokens")
    String issue(@RequestParam String name, @RequestParam String role, @RequestParam(required = false) String agent,
                 Authentication authentication, RedirectAttributes redirect) {
        try {
            String token = tokens.issue(name.strip(), role, eu.postdesk.api.ApiTokens.AGENT.equals(role) ? agent : null, null,
                    java.util.List.of(), holder(authentication));
            redirect.addFlashAttribute("issued", token);
        } catch (eu.postdesk.api.ApiError e) {
            redirect.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/ops/tokens";
    }

    @PostMapping("/ops/tokens/{id}/revoke")
    String revoke(@PathVariable String id, Authentication authentication, RedirectAttributes redirect) {
        try {
            tokens.revoke(id, holder(authentication));
            redirect.addFlashAttribute("revoked", id);
        } catch (eu.postdesk.api.ApiError e) {
            redirect.addFlashAttribute("refused", e.getMessage());
        }
        return "redirect:/ops/tokens";
    }

    /** The signed-in admin as the issuer the token records name. */
    private static eu.postdesk.api.ApiTokens.Holder holder(Authentication authentication) {
        ConsoleUser user = SignedIn.user(authentication);
        return new eu.postdesk.api.ApiTokens.Holder("console:" + user.username(), eu.postdesk.api.ApiTokens.ADMIN, "console", null, null);
    }

    @GetMapping("/users")
    String users(Model model) {
        model.addAttribute("users", users.all());
        // an admin grants the roles it may issue tokens for; privacy-officer accounts come from the configuration
        model.addAttribute("grantable", java.util.List.of(eu.postdesk.api.ApiTokens.AGENT, eu.postdesk.api.ApiTokens.SUPERVISOR, eu.postdesk.api.ApiTokens.ADMIN));
        return "users";
    }

    @PostMapping("/users")
    String create(@RequestParam String username, @RequestParam String role, @RequestParam String password, Authentication authentication,
            RedirectAttributes redirect) {
        try {
            users.create(username.strip(), role, password, SignedIn.user(authentication));
            redirect.addFlashAttribute("created", username.strip());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/users";
    }

    @PostMapping("/users/{username}/role")
    String changeRole(@PathVariable String username, @RequestParam String role, Authentication authentication, RedirectAttributes redirect) {
        try {
            users.changeRole(username, role, SignedIn.user(authentication));
            redirect.addFlashAttribute("changed", username);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/users";
    }
}
