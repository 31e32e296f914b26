namespace Otklik.Channels.Email;

/// <summary>
/// Files an agent should not open with a double click: programs, scripts, shortcuts, disk
/// images and Office documents with macros. Judged by the name as Windows would (last
/// extension, trailing dots and spaces ignored) and by the declared type.
/// </summary>
public static class DangerousFiles
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "exe", "scr", "com", "pif", "cpl", "msi", "msp", "mst", "msc", "dll", "sys", "ocx", "drv",
        "bat", "cmd", "ps1", "psm1", "psd1", "ps1xml", "psc1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "wsc", "ws", "sct",
        "hta", "jar", "jnlp", "lnk", "url", "scf", "inf", "reg", "chm", "hlp", "application", "gadget", "appx", "appxbundle",
        "msix", "msixbundle", "appref-ms", "settingcontent-ms", "library-ms", "iso", "img", "vhd", "vhdx", "udf",
        "docm", "dotm", "xlsm", "xltm", "xlam", "xla", "pptm", "potm", "ppam", "ppsm", "sldm", "xll", "iqy", "slk",
        "one", "onepkg", "sh", "bash", "command", "app", "dmg", "pkg", "apk", "py", "pyw", "pl", "rb", "elf", "run", "cab",
    };

    private static readonly HashSet<string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        "application/x-msdownload", "application/x-msdos-program", "application/x-dosexec", "application/x-executable",
        "application/vnd.microsoft.portable-executable", "application/x-ms-installer", "application/x-msi",
        "application/x-ms-shortcut", "application/x-bat", "application/x-sh", "application/x-shellscript",
        "application/hta", "application/javascript", "application/x-javascript", "text/javascript", "text/vbscript",
        "application/java-archive", "application/x-java-archive", "application/x-iso9660-image",
        "application/vnd.ms-word.document.macroenabled.12", "application/vnd.ms-word.template.macroenabled.12",
        "application/vnd.ms-excel.sheet.macroenabled.12", "application/vnd.ms-excel.template.macroenabled.12",
        "application/vnd.ms-excel.addin.macroenabled.12", "application/vnd.ms-powerpoint.presentation.macroenabled.12",
        "application/vnd.ms-powerpoint.slideshow.macroenabled.12", "application/vnd.ms-powerpoint.addin.macroenabled.12",
        "application/x-apple-diskimage", "application/vnd.android.package-archive",
    };

    public static bool IsDangerous(string fileName, string contentType)
    {
        var type = (contentType ?? "").Split(';')[0].Trim();
        if (Types.Contains(type)) return true;
        var name = (fileName ?? "").Trim();
        // Right-to-left overrides make "invoice\u202Efdp.exe" show as "invoiceexe.pdf".
        if (name.Any(c => c is '\u202A' or '\u202B' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u200E' or '\u200F')) return true;
        name = name.TrimEnd('.', ' ', '\t');
        var dot = name.LastIndexOf('.');
        return dot >= 0 && dot < name.Length - 1 && Extensions.Contains(name[(dot + 1)..]);
    }
}
