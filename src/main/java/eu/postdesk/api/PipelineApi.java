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

/** The operator's chain without a restart: reload it (docs/operators.md). */
@RestController
@RequestMapping("/api/pipeline")
class PipelineApi {
    private final JamesMailetChain chain;

    PipelineApi(JamesMailetChain chain) {
        this.chain = chain;
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
