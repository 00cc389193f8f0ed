package eu.postdesk.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import eu.postdesk.pipeline.ChainFile;
import eu.postdesk.pipeline.JamesMailetChain;
import eu.postdesk.pipeline.Replay;

/** The operator's chain without a restart: try it on mail without side effects, and reload it (docs/operators.md). */
@RestController
@RequestMapping("/api/pipeline")
class PipelineApi {
    private static final int MAX_MESSAGES = 1000;
    private final JamesMailetChain chain;
    private final Replay replay;

    PipelineApi(JamesMailetChain chain, Replay replay) {
        this.chain = chain;
        this.replay = replay;
    }

    /** A replay request: the chain's text (none: the running chain), messages as base64 of their bytes, and/or stored ones ("FROM..TO"). */
    record ReplayRequest(String chain, java.util.List<Message> messages, String stored) {
        record Message(String name, String raw) {
        }
    }

    /**
     * Runs a chain on messages without side effects and reports, per message and per mailet, what
     * happened, and the outcome against the running chain's ({@link Replay}). Messages brought in the
     * request are shown with their content; stored ones by names and counts only.
     */
    @PostMapping("/replay")
    @Allowed(value = {ApiTokens.ADMIN}, to = "replay mail through a chain")
    Replay.Report replay(@org.springframework.web.bind.annotation.RequestBody ReplayRequest body, HttpServletRequest request) {
        java.util.List<Replay.Input> inputs = new java.util.ArrayList<>();
        if (body.messages() != null) {
            for (int i = 0; i < body.messages().size(); i++) {
                ReplayRequest.Message message = body.messages().get(i);
                try {
                    inputs.add(Replay.Input.of(message.name() == null ? "message " + (i + 1) : message.name(),
                            java.util.Base64.getMimeDecoder().decode(message.raw() == null ? "" : message.raw())));
                } catch (IllegalArgumentException notBase64) {
                    throw new ApiError(HttpStatus.BAD_REQUEST, "messages[" + i + "].raw is not base64");
                }
            }
        }
        try {
            if (body.stored() != null) {
                inputs.addAll(replay.stored(body.stored()));
            }
            if (inputs.isEmpty() || inputs.size() > MAX_MESSAGES) {
                throw new ApiError(HttpStatus.BAD_REQUEST, "give between 1 and " + MAX_MESSAGES + " messages (messages, stored)");
            }
            return replay.run(body.chain(), inputs);
        } catch (ChainFile.InvalidChainException invalid) {
            throw new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "the chain cannot run: " + invalid.getMessage());
        } catch (IllegalArgumentException badRange) {
            throw new ApiError(HttpStatus.BAD_REQUEST, badRange.getMessage());
        }
    }

    /**
     * Builds the chain file anew and swaps it in between messages: {@code 200} with the file and its
     * processors; {@code 422} naming the file, the line and the problem when it cannot run, and then
     * the running chain stays.
     */
    @PostMapping("/reload")
    @Allowed(value = {ApiTokens.ADMIN}, to = "reload the mailet chain")
    Map<String, Object> reload(HttpServletRequest request) {
        try {
            JamesMailetChain.Loaded loaded = chain.reload();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("status", "reloaded");
            out.put("origin", loaded.origin());
            out.put("processors", loaded.processors());
            return out;
        } catch (ChainFile.InvalidChainException invalid) {
            // the operator's own file and the problem in it: no customer data can be in it
            throw new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "refused, the running chain stays: " + invalid.getMessage());
        }
    }
}
