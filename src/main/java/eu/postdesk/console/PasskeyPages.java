package eu.postdesk.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.authentication.HttpSessionPublicKeyCredentialRequestOptionsRepository;
import org.springframework.security.web.webauthn.registration.HttpSessionPublicKeyCredentialCreationOptionsRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Passkeys as the second factor, the alternative to a TOTP code. Three doors, each run by
 * {@code /js/passkeys.js} (options as JSON, the browser's answer back as JSON, then a page to go to):
 * <ul>
 * <li>{@code /enrol/passkey}: a password-only session of an account with no second factor yet registers one;</li>
 * <li>{@code /second-factor/passkey}: a password-only session signs in with a passkey of the SAME account
 *     (another account's passkey is refused and recorded, as a wrong code is);</li>
 * <li>{@code /security/passkeys}: a fully signed-in user adds, lists and removes their own.</li>
 * </ul>
 * A password-only session of an account that has a second factor can never register one: that would
 * let a stolen password replace the factor it was meant to need.
 */
@Controller
class PasskeyPages {
    private final Passkeys passkeys;
    private final ConsoleUsers users;
    private final SignInFailures failures;
    private final SignInCompletion completion;
    private final HttpSessionPublicKeyCredentialCreationOptionsRepository creations = new HttpSessionPublicKeyCredentialCreationOptionsRepository();
    private final HttpSessionPublicKeyCredentialRequestOptionsRepository requests = new HttpSessionPublicKeyCredentialRequestOptionsRepository();

    PasskeyPages(Passkeys passkeys, ConsoleUsers users, SignInFailures failures, SignInCompletion completion) {
        this.passkeys = passkeys;
        this.users = users;
        this.failures = failures;
        this.completion = completion;
    }

    // ---- enrolment: the account has no second factor yet

    @PostMapping(value = "/enrol/passkey/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<String> enrolmentOptions(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        if (enrolled(authentication)) {
            return refused(HttpStatus.FORBIDDEN, "/second-factor");
        }
        return newPasskeyOptions(authentication, request, response);
    }

    @PostMapping(value = "/enrol/passkey", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<String> enrolPasskey(@RequestBody String answer, Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        ConsoleUser user = SignedIn.user(authentication);
        PublicKeyCredentialCreationOptions options = creations.load(request);
        creations.save(request, response, null);
        if (enrolled(authentication) || options == null || !options.getUser().getName().equals(user.username())) {
            return refused(HttpStatus.FORBIDDEN, "/second-factor");
        }
        if (failures.tooMany(user.username(), request.getRemoteAddr())) {
            return refused(HttpStatus.TOO_MANY_REQUESTS, "/enrol?locked");
        }
        try {
            passkeys.register(options, answer);
        } catch (IllegalArgumentException e) {
            failures.record(user.username(), request.getRemoteAddr(), "enrolment");
            return refused(HttpStatus.BAD_REQUEST, "/enrol?passkeyError");
        }
        completion.complete(user, authentication, request, response);
        return next(user.landing());
    }

    /** Options for a new passkey of this account, kept in the session until the browser answers them. */
    private ResponseEntity<String> newPasskeyOptions(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        PublicKeyCredentialCreationOptions options = passkeys.creationOptions(authentication);
        creations.save(request, response, options);
        return ResponseEntity.ok(passkeys.json(options));
    }

    // ---- the second step of signing in

    @PostMapping(value = "/second-factor/passkey/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<String> signInOptions(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        PublicKeyCredentialRequestOptions options = passkeys.requestOptions(authentication);
        requests.save(request, response, options);
        return ResponseEntity.ok(passkeys.json(options));
    }

    @PostMapping(value = "/second-factor/passkey", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<String> signInWithPasskey(@RequestBody String answer, Authentication authentication, HttpServletRequest request,
            HttpServletResponse response) {
        ConsoleUser user = SignedIn.user(authentication);
        PublicKeyCredentialRequestOptions options = requests.load(request);
        requests.save(request, response, null);
        if (failures.tooMany(user.username(), request.getRemoteAddr())) {
            return refused(HttpStatus.TOO_MANY_REQUESTS, "/second-factor?locked");
        }
        // a good signature is not enough: the passkey must be this account's, the one that gave the password
        boolean own = options != null && passkeys.owner(options, answer).filter(user.username()::equals).isPresent();
        if (!own) {
            failures.record(user.username(), request.getRemoteAddr(), "passkey");
            return refused(HttpStatus.UNAUTHORIZED, "/second-factor?passkeyError");
        }
        completion.complete(user, authentication, request, response);
        return next(user.landing());
    }

    // ---- my security: fully signed in

    @GetMapping("/security")
    String security(Authentication authentication, Model model) {
        ConsoleUser user = SignedIn.user(authentication);
        boolean sso = !"console".equals(user.via());
        model.addAttribute("sso", sso);
        model.addAttribute("totp", !sso && users.find(user.username()).map(ConsoleUsers.Account::totp).orElse(false));
        model.addAttribute("passkeys", sso ? java.util.List.of() : passkeys.of(user.username()));
        return "security";
    }

    @PostMapping(value = "/security/passkeys/options", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<String> additionOptions(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        if (!"console".equals(SignedIn.user(authentication).via())) {
            return refused(HttpStatus.FORBIDDEN, "/security");
        }
        return newPasskeyOptions(authentication, request, response);
    }

    @PostMapping(value = "/security/passkeys", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<String> addPasskey(@RequestBody String answer, Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        ConsoleUser user = SignedIn.user(authentication);
        PublicKeyCredentialCreationOptions options = creations.load(request);
        creations.save(request, response, null);
        if (options == null || !options.getUser().getName().equals(user.username())) {
            return refused(HttpStatus.BAD_REQUEST, "/security?passkeyError");
        }
        try {
            passkeys.register(options, answer);
        } catch (IllegalArgumentException e) {
            return refused(HttpStatus.BAD_REQUEST, "/security?passkeyError");
        }
        return next("/security?added");
    }

    @PostMapping("/security/passkeys/remove")
    String removePasskey(@RequestParam(defaultValue = "") String id, Authentication authentication) {
        ConsoleUser user = SignedIn.user(authentication);
        var account = users.find(user.username()).orElse(null);
        if (account == null || !"console".equals(user.via())) {
            return "redirect:/security";
        }
        // an account keeps at least one second factor
        if (!account.totp() && account.passkeys() <= 1) {
            return "redirect:/security?lastFactor";
        }
        return passkeys.remove(user.username(), id) ? "redirect:/security?removed" : "redirect:/security";
    }

    private boolean enrolled(Authentication authentication) {
        return users.find(authentication.getName()).map(ConsoleUsers.Account::enrolled).orElse(false);
    }

    /** The page the script goes to next (one of ours, fixed here: never taken from the request). */
    private static ResponseEntity<String> next(String page) {
        return refused(HttpStatus.OK, page);
    }

    private static ResponseEntity<String> refused(HttpStatus status, String page) {
        return ResponseEntity.status(status).body("{\"redirect\":\"" + page + "\"}");
    }
}
