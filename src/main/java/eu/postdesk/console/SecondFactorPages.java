package eu.postdesk.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

/**
 * The second step of signing in: a TOTP code; or, for an account without one, enrolment: a new
 * secret shown once (as a QR code drawn here, and as text), confirmed by a first code. A passkey
 * instead of the code, at either step, is {@link PasskeyPages}.
 */
@Controller
class SecondFactorPages {
    private static final String PENDING = SecondFactorPages.class.getName() + ".pendingSecret";

    private final ConsoleUsers users;
    private final SignInFailures failures;
    private final SignInCompletion completion;
    private final java.time.Clock clock;

    SecondFactorPages(ConsoleUsers users, SignInFailures failures, SignInCompletion completion, java.time.Clock clock) {
        this.clock = clock;
        this.users = users;
        this.failures = failures;
        this.completion = completion;
    }

    @GetMapping("/second-factor")
    String secondFactor(Authentication authentication, Model model) {
        var account = users.find(authentication.getName());
        if (account.isEmpty() || !account.get().enrolled()) {
            return "redirect:/enrol";
        }
        model.addAttribute("totp", account.get().totp());
        model.addAttribute("passkey", account.get().passkeys() > 0);
        return "second-factor";
    }

    @PostMapping("/second-factor")
    String checkCode(@RequestParam(defaultValue = "") String code, Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        ConsoleUser user = SignedIn.user(authentication);
        if (failures.tooMany(user.username(), request.getRemoteAddr())) {
            return "redirect:/second-factor?locked";
        }
        if (!users.secondFactorMatches(user.username(), code)) {
            failures.record(user.username(), request.getRemoteAddr(), "second-factor");
            return "redirect:/second-factor?error";
        }
        completion.complete(user, authentication, request, response);
        return "redirect:" + user.landing();
    }

    @GetMapping("/enrol")
    String enrol(Authentication authentication, HttpSession session, Model model) {
        if (enrolled(authentication)) {
            return "redirect:/second-factor";
        }
        String secret = (String) session.getAttribute(PENDING);
        if (secret == null) {
            secret = Totp.newSecret();
            session.setAttribute(PENDING, secret);
        }
        model.addAttribute("secret", secret.replaceAll("(.{4})", "$1 ").strip());
        return "enrol";
    }

    /** The pending secret as a QR code, drawn here: the secret never goes to a QR service. */
    @GetMapping(value = "/enrol/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(Authentication authentication, HttpSession session) throws IOException, WriterException {
        String secret = (String) session.getAttribute(PENDING);
        if (secret == null || enrolled(authentication)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        BitMatrix matrix = new QRCodeWriter().encode(Totp.uri("Postdesk", authentication.getName(), secret), BarcodeFormat.QR_CODE, 240, 240,
                Map.of(EncodeHintType.MARGIN, 2));
        var image = new java.awt.image.BufferedImage(matrix.getWidth(), matrix.getHeight(), java.awt.image.BufferedImage.TYPE_BYTE_BINARY);
        for (int x = 0; x < matrix.getWidth(); x++) {
            for (int y = 0; y < matrix.getHeight(); y++) {
                image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xffffff);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", png);
        return ResponseEntity.ok().header("Cache-Control", "no-store").contentType(MediaType.IMAGE_PNG).body(png.toByteArray());
    }

    @PostMapping("/enrol")
    String confirm(@RequestParam(defaultValue = "") String code, Authentication authentication, HttpSession session, HttpServletRequest request,
            HttpServletResponse response) {
        ConsoleUser user = SignedIn.user(authentication);
        String secret = (String) session.getAttribute(PENDING);
        if (secret == null || enrolled(authentication)) {
            return "redirect:/enrol";
        }
        if (failures.tooMany(user.username(), request.getRemoteAddr())) {
            return "redirect:/enrol?locked";
        }
        if (Totp.matchingStep(secret, code, clock.instant()) < 0) {
            failures.record(user.username(), request.getRemoteAddr(), "enrolment");
            return "redirect:/enrol?error";
        }
        users.enrol(user.username(), secret);
        session.removeAttribute(PENDING);
        completion.complete(user, authentication, request, response);
        return "redirect:" + user.landing();
    }

    private boolean enrolled(Authentication authentication) {
        return users.find(authentication.getName()).map(ConsoleUsers.Account::enrolled).orElse(false);
    }
}
