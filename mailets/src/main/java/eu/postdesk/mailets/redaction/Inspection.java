package eu.postdesk.mailets.redaction;

/** What inspecting one attachment found out, before masking. */
sealed interface Inspection {
    /** The attachment's readable text, to be scanned for findings. */
    record Text(String text) implements Inspection {
    }

    /** Nothing to read (an image, an unknown binary); {@code cleaned} replaces the bytes when metadata was removed, else null. */
    record Opaque(byte[] cleaned) implements Inspection {
    }

    /** The attachment must not reach agents; {@code reason} says why and never quotes the content. */
    record Quarantine(String reason) implements Inspection {
    }

    String EXECUTABLE = "executable file";
    String ARCHIVE_WITH_EXECUTABLE = "archive contains an executable file";
    String MACROS = "office document with macros";
    String ENCRYPTED_ARCHIVE = "encrypted archive";
    String ENCRYPTED_PDF = "encrypted PDF";
    String ENCRYPTED_DOCUMENT = "encrypted document";
    String TOO_LARGE = "too large to inspect";
    String TOO_DEEP = "nested too deeply to inspect";
    String EXPANDS_TOO_MUCH = "archive expands beyond the allowed ratio";
    String NOT_INSPECTABLE = "could not be inspected";
    String TOO_SLOW = "could not be inspected in time";
    String BUDGET_EXHAUSTED = "inspection budget exhausted";
}
