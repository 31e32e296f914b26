using Otklik.Channels.Email;
using Otklik.Domain;

namespace Otklik.Features.Email;

public sealed record MailboxStatus(DateTime? LastFetchAt, DateTime? LastErrorAt, string? LastError, int Waiting, bool Fetching, int Quarantined);

/// <summary>An email inbox as admins see it. Passwords never leave the server; only whether one is set.</summary>
public sealed record MailboxDto(
    long Id, long InboxId, string Name, string Address, string? SenderName, long? DefaultTeamId, bool IsActive,
    string Protocol, string? InHost, int InPort, string InSecurity, string? InUser, bool HasInPassword, string Folder, bool UseIdle, int PollSeconds,
    string? SmtpHost, int SmtpPort, string SmtpSecurity, string? SmtpUser, bool HasSmtpPassword, string? SentFolder, bool AcceptInvalidCertificates,
    long MaxAttachmentBytes, bool AutoAcknowledge, string? AcknowledgeTemplate, int PromisedResponseHours,
    string PipePath, string PipeSecret, MailboxStatus Status);

/// <summary>Create or change a mailbox; null leaves a value as it is (a password stays unless a new one is given).</summary>
public sealed record MailboxRequest(
    string? Name, string? Address, string? SenderName, long? DefaultTeamId, bool? IsActive,
    string? Protocol, string? InHost, int? InPort, string? InSecurity, string? InUser, string? InPassword, string? Folder, bool? UseIdle, int? PollSeconds,
    string? SmtpHost, int? SmtpPort, string? SmtpSecurity, string? SmtpUser, string? SmtpPassword, string? SentFolder, bool? AcceptInvalidCertificates,
    long? MaxAttachmentBytes, bool? AutoAcknowledge, string? AcknowledgeTemplate, int? PromisedResponseHours);

public sealed record ConnectionCheck(bool Ok, string Message);

public sealed record ConnectionTest(ConnectionCheck? Inbound, ConnectionCheck? Outbound);

internal static class MailboxMapping
{
    public static MailboxDto ToDto(this Mailbox b, Inbox inbox, MailConnections connections, DateTime now, int quarantined) => new(
        b.Id, b.InboxId, inbox.Name, b.Address, b.SenderName, inbox.DefaultTeamId, b.IsActive && inbox.IsActive,
        Names.Of(b.Protocol), b.InHost, b.InPort, Names.Of(b.InSecurity), b.InUser, b.InPasswordProtected is not null, b.Folder, b.UseIdle, b.PollSeconds,
        b.SmtpHost, b.SmtpPort, Names.Of(b.SmtpSecurity), b.SmtpUser, b.SmtpPasswordProtected is not null, b.SentFolder, b.AcceptInvalidCertificates,
        b.MaxAttachmentBytes, b.AutoAcknowledge, b.AcknowledgeTemplate, b.PromisedResponseHours,
        $"{InboundPipe.Path}/{b.InboxId}", connections.Unprotect(b.PipeSecretProtected) ?? "",
        new MailboxStatus(b.LastFetchAt, b.LastErrorAt, LastErrorText(b.LastError), b.Waiting, b.LeasedUntil > now, quarantined));

    /// <summary>The stored connection problem in the reader's language (the request's or the workspace's culture).</summary>
    private static string? LastErrorText(string? stored) => MailWarning.Read(stored) is [var problem, ..]
        ? problem.Text(Otklik.Infrastructure.ReaderLanguage.IsRussian) : null;
}
