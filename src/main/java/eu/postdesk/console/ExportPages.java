package eu.postdesk.console;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import eu.postdesk.privacy.AuditTrail;
import eu.postdesk.privacy.SubjectExport;

/**
 * A person's data as a ZIP ({@link SubjectExport}, as {@code /api/privacy/subjects/{address}/export}):
 * their sealed originals only with a stated reason; and the audit chain verified ({@link AuditTrail#verify}).
 */
@Controller
class ExportPages {
    private static final String ADDRESS = "[^@\\s]{1,200}@[^@\\s]{1,250}";
    private static final int MIN_REASON = 10;

    private final SubjectExport export;
    private final AuditTrail trail;

    ExportPages(SubjectExport export, AuditTrail trail) {
        this.export = export;
        this.trail = trail;
    }

    @GetMapping("/privacy/export")
    String form(@RequestParam(required = false) String problem, Model model) {
        model.addAttribute("minReason", MIN_REASON);
        if ("addressBad".equals(problem) || "reasonMissing".equals(problem)) {
            model.addAttribute("problem", "console.export." + problem);
        }
        return "export";
    }

    /** The ZIP as a download; originals included only when asked for, and then only with a reason. Every export is recorded. */
    @PostMapping("/privacy/export")
    void download(@RequestParam(defaultValue = "") String address, @RequestParam(defaultValue = "false") boolean originals,
                  @RequestParam(defaultValue = "") String reason, Authentication authentication, HttpServletResponse response) throws Exception {
        if (!address.strip().matches(ADDRESS)) {
            response.sendRedirect("/privacy/export?problem=addressBad");
            return;
        }
        if (originals && reason.strip().length() < MIN_REASON) {
            response.sendRedirect("/privacy/export?problem=reasonMissing");
            return;
        }
        ConsoleUser user = SignedIn.user(authentication);
        SubjectExport.Export zip = export.of(address.strip(), originals ? reason.strip() : null, user.who(), user.role());
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"postdesk-export.zip\"");
        response.setHeader("Cache-Control", "no-store");
        zip.writeTo(response.getOutputStream());
    }

    @GetMapping("/privacy/audit/verify")
    String verify(Model model) {
        model.addAttribute("verification", trail.verify());
        return "verify";
    }
}
