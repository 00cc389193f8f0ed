package eu.postdesk.console;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The sign-in page (password, and a link per single sign-on provider), the start page and the refusal page. */
@Controller
class SignInPages {
    public record Provider(String id, String name) {
    }

    private final ObjectProvider<ClientRegistrationRepository> sso;

    SignInPages(ObjectProvider<ClientRegistrationRepository> sso) {
        this.sso = sso;
    }

    @GetMapping("/login")
    String login(Model model) {
        List<Provider> providers = new ArrayList<>();
        if (sso.getIfAvailable() instanceof InMemoryClientRegistrationRepository registrations) {
            for (ClientRegistration registration : registrations) {
                providers.add(new Provider(registration.getRegistrationId(), registration.getClientName()));
            }
        }
        model.addAttribute("providers", providers);
        return "login";
    }

    @GetMapping("/")
    String start(org.springframework.security.core.Authentication authentication) {
        return "redirect:" + SignedIn.user(authentication).landing();
    }

    /** Where a refusal is forwarded, whatever the method of the refused request. */
    @org.springframework.web.bind.annotation.RequestMapping("/denied")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied() {
        return "denied";
    }

}
