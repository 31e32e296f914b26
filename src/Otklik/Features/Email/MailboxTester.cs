using MailKit;
using Microsoft.EntityFrameworkCore;
using Otklik.Channels.Email;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;

namespace Otklik.Features.Email;

/// <summary>
/// The admin's "test connection" button: tries the settings as typed (not yet saved) against
/// the real servers and says in plain words what works and what does not.
/// </summary>
public sealed class MailboxTester(OtklikDb db, MailConnections connections, MailboxSettings settings)
{
    public async Task<Result<ConnectionTest>> TestAsync(long? id, MailboxRequest r, CancellationToken ct)
    {
        var stored = id is null ? null : await db.Mailboxes.Include(b => b.Inbox).FirstOrDefaultAsync(b => b.Id == id, ct);
        if (id is not null && stored is null) return new Error.NotFound($"Mailbox {id}");
        // Work on a detached copy: the test must not change anything that is stored.
        var box = stored is null
            ? new Mailbox { Address = r.Address ?? "test@example.com", Inbox = new Inbox { Name = "test" }, PipeSecretProtected = "" }
            : Copy(stored);
        var v = new Validation();
        if (r.Protocol is not null) v.Enum<MailProtocol>("protocol", r.Protocol);
        if (!v.IsValid) return v.ToError();
        settings.ApplyForTest(r, box);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(40));
        var inbound = box.Protocol == MailProtocol.None ? null : await CheckAsync(() => InboundAsync(box, timeout.Token));
        var outbound = box.SmtpHost is null ? null : await CheckAsync(() => OutboundAsync(box, timeout.Token));
        return new ConnectionTest(inbound, outbound);
    }

    private async Task<string> InboundAsync(Mailbox box, CancellationToken ct)
    {
        if (box.Protocol == MailProtocol.Pop3)
        {
            using var pop3 = await connections.Pop3Async(box, ct);
            var count = await pop3.GetMessageCountAsync(ct);
            await pop3.DisconnectAsync(true, ct);
            return Validation.Say($"POP3 works: {count} messages on the server.", $"POP3 работает: писем на сервере — {count}.");
        }
        using var imap = await connections.ImapAsync(box, ct);
        var folder = await imap.GetFolderAsync(box.Folder, ct);
        await folder.OpenAsync(FolderAccess.ReadOnly, ct);
        var idle = imap.Capabilities.HasFlag(MailKit.Net.Imap.ImapCapabilities.Idle)
            ? Validation.Say("IDLE supported: new mail arrives at once.", "IDLE поддерживается: новые письма придут сразу.")
            : Validation.Say("No IDLE: Otklik will poll.", "IDLE нет: Otklik будет проверять ящик по расписанию.");
        var message = Validation.Say($"IMAP works: folder {folder.FullName} has {folder.Count} messages. {idle}", $"IMAP работает: в папке {folder.FullName} писем — {folder.Count}. {idle}");
        if (box.SentFolder is { } sent)
        {
            try { await imap.GetFolderAsync(sent, ct); }
            catch (FolderNotFoundException) { message += Validation.Say($" The Sent folder \"{sent}\" does not exist.", $" Папки для отправленных «{sent}» нет."); }
        }
        await imap.DisconnectAsync(true, ct);
        return message;
    }

    private async Task<string> OutboundAsync(Mailbox box, CancellationToken ct)
    {
        using var smtp = await connections.SmtpAsync(box, ct);
        await smtp.NoOpAsync(ct);
        var signedIn = smtp.IsAuthenticated;
        await smtp.DisconnectAsync(true, ct);
        return signedIn ? Validation.Say("SMTP works (signed in).", "SMTP работает (вход выполнен).")
            : Validation.Say("SMTP works (no sign-in).", "SMTP работает (без входа).");
    }

    private static async Task<ConnectionCheck> CheckAsync(Func<Task<string>> check)
    {
        try { return new ConnectionCheck(true, await check()); }
        catch (Exception ex) { return new ConnectionCheck(false, MailConnectionTexts.Problem(ex).Text(ReaderLanguage.IsRussian)); }
    }

    private static Mailbox Copy(Mailbox b) => new()
    {
        Address = b.Address, Inbox = new Inbox { Name = b.Inbox!.Name }, PipeSecretProtected = b.PipeSecretProtected, SenderName = b.SenderName,
        Protocol = b.Protocol, InHost = b.InHost, InPort = b.InPort, InSecurity = b.InSecurity, InUser = b.InUser, InPasswordProtected = b.InPasswordProtected,
        Folder = b.Folder, SmtpHost = b.SmtpHost, SmtpPort = b.SmtpPort, SmtpSecurity = b.SmtpSecurity, SmtpUser = b.SmtpUser,
        SmtpPasswordProtected = b.SmtpPasswordProtected, SentFolder = b.SentFolder, AcceptInvalidCertificates = b.AcceptInvalidCertificates,
    };
}
