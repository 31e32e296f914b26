using Otklik.Features.Email;

namespace Otklik.Web.Pages.Admin.Email;

/// <summary>
/// What the mailbox form edits: a mutable copy of a mailbox's settings, in the units an admin
/// thinks in (megabytes, not bytes). Passwords start empty: an empty box keeps the stored one.
/// </summary>
public sealed class MailboxFields
{
    private const long Megabyte = 1024 * 1024;

    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string SenderName { get; set; } = "";
    public long? DefaultTeamId { get; set; }
    public bool IsActive { get; set; } = true;

    public string Protocol { get; set; } = "none";
    public string InHost { get; set; } = "";
    public int InPort { get; set; }
    public string InSecurity { get; set; } = "tls";
    public string InUser { get; set; } = "";
    public string InPassword { get; set; } = "";
    public bool HasInPassword { get; private set; }
    public string Folder { get; set; } = "INBOX";
    public bool UseIdle { get; set; } = true;
    public int PollSeconds { get; set; } = 60;

    public string SmtpHost { get; set; } = "";
    public int SmtpPort { get; set; }
    public string SmtpSecurity { get; set; } = "starttls";
    public string SmtpUser { get; set; } = "";
    public string SmtpPassword { get; set; } = "";
    public bool HasSmtpPassword { get; private set; }
    public string SentFolder { get; set; } = "";
    public bool AcceptInvalidCertificates { get; set; }

    public int MaxAttachmentMegabytes { get; set; } = 25;
    public bool AutoAcknowledge { get; set; } = true;
    public string AcknowledgeTemplate { get; set; } = "";
    public int PromisedResponseHours { get; set; } = 24;

    public bool ReceivesByServer => Protocol != "none";

    public static MailboxFields From(MailboxDto b) => new()
    {
        Name = b.Name, Address = b.Address, SenderName = b.SenderName ?? "", DefaultTeamId = b.DefaultTeamId, IsActive = b.IsActive,
        Protocol = b.Protocol, InHost = b.InHost ?? "", InPort = b.InPort, InSecurity = b.InSecurity, InUser = b.InUser ?? "",
        HasInPassword = b.HasInPassword, Folder = b.Folder, UseIdle = b.UseIdle, PollSeconds = b.PollSeconds,
        SmtpHost = b.SmtpHost ?? "", SmtpPort = b.SmtpPort, SmtpSecurity = b.SmtpSecurity, SmtpUser = b.SmtpUser ?? "",
        HasSmtpPassword = b.HasSmtpPassword, SentFolder = b.SentFolder ?? "", AcceptInvalidCertificates = b.AcceptInvalidCertificates,
        // Rounded up so an odd stored limit is never shown smaller than it is.
        MaxAttachmentMegabytes = (int)((b.MaxAttachmentBytes + Megabyte - 1) / Megabyte),
        AutoAcknowledge = b.AutoAcknowledge, AcknowledgeTemplate = b.AcknowledgeTemplate ?? "", PromisedResponseHours = b.PromisedResponseHours,
    };

    /// <summary>Everything as typed; an empty password is sent as null so the stored one stays.</summary>
    public MailboxRequest ToRequest() => new(
        Name, Address, SenderName, DefaultTeamId ?? 0, IsActive,
        Protocol, InHost, InPort, InSecurity, InUser, Keep(InPassword), Folder, UseIdle, PollSeconds,
        SmtpHost, SmtpPort, SmtpSecurity, SmtpUser, Keep(SmtpPassword), SentFolder, AcceptInvalidCertificates,
        MaxAttachmentMegabytes * Megabyte, AutoAcknowledge, AcknowledgeTemplate, PromisedResponseHours);

    private static string? Keep(string password) => password.Length == 0 ? null : password;
}
