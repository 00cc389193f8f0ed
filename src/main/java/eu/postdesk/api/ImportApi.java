package eu.postdesk.api;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eu.postdesk.operations.MailImport;

/** Old mail brought in (bin/postdesk import; docs/operators.md): filed through the chain, never acknowledged. */
@RestController
@RequestMapping("/api/import")
class ImportApi {
    private static final int MAX_BATCH = 200;
    private final MailImport imports;

    ImportApi(MailImport imports) {
        this.imports = imports;
    }

    /** A batch: the source ("mbox:/path/file") and its items, each a key unique in the source and the message's bytes in base64. */
    record Batch(String source, List<Item> items) {
        record Item(String key, String raw) {
        }
    }

    /** Files the batch's items one after the other and answers when each has its outcome: imported, already imported, refused. */
    @PostMapping
    @Allowed(value = {ApiTokens.ADMIN}, to = "import mail")
    Map<String, Object> file(@RequestBody Batch batch, HttpServletRequest request) {
        if (batch.source() == null || batch.source().isBlank() || batch.source().length() > 1000) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "source names where the mail comes from, at most 1000 characters");
        }
        if (batch.items() == null || batch.items().isEmpty() || batch.items().size() > MAX_BATCH) {
            throw new ApiError(HttpStatus.BAD_REQUEST, "a batch holds between 1 and " + MAX_BATCH + " items");
        }
        List<MailImport.Item> items = new ArrayList<>();
        for (int i = 0; i < batch.items().size(); i++) {
            Batch.Item item = batch.items().get(i);
            if (item.key() == null || item.key().isBlank() || item.key().length() > 500) {
                throw new ApiError(HttpStatus.BAD_REQUEST, "items[" + i + "].key must name the item in its source, at most 500 characters");
            }
            try {
                items.add(new MailImport.Item(item.key(), Base64.getMimeDecoder().decode(item.raw() == null ? "" : item.raw())));
            } catch (IllegalArgumentException notBase64) {
                throw new ApiError(HttpStatus.BAD_REQUEST, "items[" + i + "].raw is not base64");
            }
        }
        MailImport.Result result = imports.file(batch.source().strip(), items);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("imported", result.imported());
        out.put("already", result.already());
        out.put("refused", result.refused());
        return out;
    }

    /** The keys of the source's items imported so far, for an import to resume after them. */
    @GetMapping("/done")
    @Allowed(value = {ApiTokens.ADMIN}, to = "read what was imported")
    List<String> done(@RequestParam String source, HttpServletRequest request) {
        return imports.done(source.strip());
    }
}
