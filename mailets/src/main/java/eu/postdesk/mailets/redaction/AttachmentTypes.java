package eu.postdesk.mailets.redaction;

import org.apache.tika.mime.MediaType;

import java.util.Locale;
import java.util.Set;

/** Which real (detected) types and file names are dangerous or need a closer look. */
final class AttachmentTypes {
    private static final Set<String> EXECUTABLE_TYPES = Set.of(
            "application/x-msdownload", "application/x-dosexec", "application/x-ms-installer", "application/x-msi",
            "application/x-executable", "application/x-sharedlib", "application/x-elf", "application/x-object",
            "application/x-coredump", "application/java-archive", "application/x-java-archive", "application/java-vm",
            "application/x-bat", "application/x-msdos-program", "application/x-ms-shortcut",
            "application/javascript", "text/javascript", "application/x-javascript", "text/vbscript",
            "application/x-vbscript", "application/vnd.android.package-archive");
    private static final Set<String> EXECUTABLE_EXTENSIONS = Set.of(
            "exe", "dll", "scr", "bat", "cmd", "com", "pif", "cpl", "js", "jse", "vbs", "vbe", "wsf", "wsh", "hta",
            "msi", "msp", "jar", "ps1", "lnk", "apk", "sys", "drv", "ocx");
    private static final Set<String> MACRO_EXTENSIONS = Set.of("docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppsm", "ppam");
    private static final Set<String> OLE2_OFFICE_TYPES = Set.of(
            "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint", "application/x-tika-msoffice",
            "application/vnd.visio", "application/vnd.ms-project");

    private AttachmentTypes() {
    }

    static boolean isExecutable(MediaType type, String fileName) {
        String base = type.getBaseType().toString();
        return EXECUTABLE_TYPES.contains(base) || base.startsWith("application/x-mach-o")
                || EXECUTABLE_EXTENSIONS.contains(extension(fileName));
    }

    static boolean declaresMacros(MediaType type, String fileName) {
        return type.getBaseType().toString().contains("macroenabled") || MACRO_EXTENSIONS.contains(extension(fileName));
    }

    static boolean isPlainZip(MediaType type) {
        return type.getBaseType().toString().equals("application/zip");
    }

    /** OOXML and OpenDocument files: zip packages whose entries may hold a VBA project. */
    static boolean isZipBasedOffice(MediaType type) {
        String base = type.getBaseType().toString();
        return base.startsWith("application/vnd.openxmlformats-officedocument.") || base.startsWith("application/vnd.oasis.opendocument.")
                || base.equals("application/x-tika-ooxml") || base.startsWith("application/vnd.ms-") && base.endsWith(".12");
    }

    static boolean isOle2Office(MediaType type) {
        return OLE2_OFFICE_TYPES.contains(type.getBaseType().toString());
    }

    static boolean isEncryptedOffice(MediaType type) {
        return type.getBaseType().toString().equals("application/x-tika-ooxml-protected");
    }

    static boolean isPdf(MediaType type) {
        return type.getBaseType().toString().equals("application/pdf");
    }

    static boolean isJpeg(MediaType type) {
        return type.getBaseType().toString().equals("image/jpeg");
    }

    static boolean isPng(MediaType type) {
        return type.getBaseType().toString().equals("image/png");
    }

    static boolean isImage(MediaType type) {
        return type.getType().equals("image");
    }

    static String extension(String fileName) {
        if (fileName == null) {
            return "";
        }
        String name = fileName.strip();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
