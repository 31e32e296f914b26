using Microsoft.EntityFrameworkCore;
using Otklik.Channels.Email;
using Otklik.Data;
using Otklik.Domain;
using Otklik.Infrastructure;

namespace Otklik.Features.Email;

/// <summary>Validates and stores a mailbox and its email inbox together; passwords and the pipe secret are encrypted here.</summary>
public sealed class MailboxSettings(OtklikDb db, MailConnections connections, MailboxPoller poller, TimeProvider clock)
{
    public const long MaxAttachmentLimit = 100L * 1024 * 1024;

    public async Task<Result<long>> SaveAsync(long? id, MailboxRequest r, CancellationToken ct)
    {
        var box = id is null ? null : await db.Mailboxes.AsTracking().Include(b => b.Inbox).FirstOrDefaultAsync(b => b.Id == id, ct);
        if (id is not null && box is null) return new Error.NotFound($"Mailbox {id}");
        var v = Validate(r, box);
        if (r.DefaultTeamId is { } team and not 0 && !await db.Teams.AnyAsync(t => t.Id == team, ct)) v.Add("defaultTeamId", Validation.Say($"There is no team {team}.", $"Нет команды {team}."));
        var address = (r.Address ?? box?.Address)?.Trim().ToLowerInvariant();
        if (address is not null && await db.Mailboxes.AnyAsync(b => b.Address == address && b.Id != (id ?? 0), ct))
            v.Add("address", Validation.Say($"Another mailbox already uses {address}.", $"Адрес {address} уже занят другим почтовым ящиком."));
        if (!v.IsValid) return v.ToError();

        var now = clock.GetUtcNow().UtcDateTime;
        if (box is null)
        {
            var inbox = new Inbox { Name = r.Name!.Trim(), Channel = ChannelKind.Email, Address = address, CreatedAt = now };
            box = new Mailbox { Address = address!, Inbox = inbox, PipeSecretProtected = connections.Protect(InboundPipe.NewSecret()), CreatedAt = now };
            db.Mailboxes.Add(box);
        }
        Apply(r, box);
        box.Address = address!;
        box.Inbox!.Address = address;
        await db.SaveChangesAsync(ct);
        poller.Nudge();
        return box.Id;
    }

    public async Task<Result<long>> RenewPipeSecretAsync(long id, CancellationToken ct)
    {
        var box = await db.Mailboxes.AsTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (box is null) return new Error.NotFound($"Mailbox {id}");
        box.PipeSecretProtected = connections.Protect(InboundPipe.NewSecret());
        await db.SaveChangesAsync(ct);
        return box.Id;
    }

    /// <summary>The same rules on an unsaved copy, for the connection test.</summary>
    internal void ApplyForTest(MailboxRequest r, Mailbox box) => Apply(r, box);

    private void Apply(MailboxRequest r, Mailbox box)
    {
        var inbox = box.Inbox!;
        if (r.Name is not null) inbox.Name = r.Name.Trim();
        if (r.DefaultTeamId is not null) inbox.DefaultTeamId = r.DefaultTeamId == 0 ? null : r.DefaultTeamId;
        if (r.IsActive is { } active) box.IsActive = inbox.IsActive = active;
        if (r.SenderName is not null) box.SenderName = Blank(r.SenderName);
        if (r.Protocol is not null) box.Protocol = Parse<MailProtocol>(r.Protocol);
        if (r.InHost is not null) box.InHost = Blank(r.InHost);
        if (r.InPort is { } inPort) box.InPort = inPort;
        if (r.InSecurity is not null) box.InSecurity = Parse<MailSecurity>(r.InSecurity);
        if (r.InUser is not null) box.InUser = Blank(r.InUser);
        if (r.InPassword is not null) box.InPasswordProtected = r.InPassword.Length == 0 ? null : connections.Protect(r.InPassword);
        if (r.Folder is not null) box.Folder = string.IsNullOrWhiteSpace(r.Folder) ? "INBOX" : r.Folder.Trim();
        if (r.UseIdle is { } idle) box.UseIdle = idle;
        if (r.PollSeconds is { } poll) box.PollSeconds = poll;
        if (r.SmtpHost is not null) box.SmtpHost = Blank(r.SmtpHost);
        if (r.SmtpPort is { } smtpPort) box.SmtpPort = smtpPort;
        if (r.SmtpSecurity is not null) box.SmtpSecurity = Parse<MailSecurity>(r.SmtpSecurity);
        if (r.SmtpUser is not null) box.SmtpUser = Blank(r.SmtpUser);
        if (r.SmtpPassword is not null) box.SmtpPasswordProtected = r.SmtpPassword.Length == 0 ? null : connections.Protect(r.SmtpPassword);
        if (r.SentFolder is not null) box.SentFolder = Blank(r.SentFolder);
        if (r.AcceptInvalidCertificates is { } accept) box.AcceptInvalidCertificates = accept;
        if (r.MaxAttachmentBytes is { } max) box.MaxAttachmentBytes = max;
        if (r.AutoAcknowledge is { } ack) box.AutoAcknowledge = ack;
        if (r.AcknowledgeTemplate is not null) box.AcknowledgeTemplate = Blank(r.AcknowledgeTemplate);
        if (r.PromisedResponseHours is { } hours) box.PromisedResponseHours = hours;
        // A port left at 0 means the protocol's usual one.
        if (box.InPort == 0 && box.Protocol != MailProtocol.None) box.InPort = DefaultPort(box.Protocol, box.InSecurity);
        if (box.SmtpPort == 0 && box.SmtpHost is not null) box.SmtpPort = box.SmtpSecurity == MailSecurity.Tls ? 465 : 587;
    }

    internal static int DefaultPort(MailProtocol protocol, MailSecurity security) => (protocol, security) switch
    {
        (MailProtocol.Imap, MailSecurity.Tls) => 993,
        (MailProtocol.Imap, _) => 143,
        (MailProtocol.Pop3, MailSecurity.Tls) => 995,
        _ => 110,
    };

    private static Validation Validate(MailboxRequest r, Mailbox? existing)
    {
        var v = new Validation();
        if (existing is null) v.Required("name", r.Name, 100).Required("address", r.Address, 254);
        else v.MaxLength("name", r.Name, 100);
        v.Email("address", r.Address?.Trim()).MaxLength("senderName", r.SenderName, 100);
        var protocol = v.Enum<MailProtocol>("protocol", r.Protocol) ?? existing?.Protocol ?? MailProtocol.None;
        v.Enum<MailSecurity>("inSecurity", r.InSecurity);
        v.Enum<MailSecurity>("smtpSecurity", r.SmtpSecurity);
        v.MaxLength("inHost", r.InHost, 255).MaxLength("smtpHost", r.SmtpHost, 255).MaxLength("inUser", r.InUser, 254).MaxLength("smtpUser", r.SmtpUser, 254)
            .MaxLength("inPassword", r.InPassword, 500).MaxLength("smtpPassword", r.SmtpPassword, 500)
            .MaxLength("folder", r.Folder, 200).MaxLength("sentFolder", r.SentFolder, 200).MaxLength("acknowledgeTemplate", r.AcknowledgeTemplate, 5000);
        if (protocol != MailProtocol.None && string.IsNullOrWhiteSpace(r.InHost ?? existing?.InHost))
            v.Add("inHost", Validation.Say("Give the IMAP/POP3 server, or choose protocol 'none' to receive mail only through the inbound endpoint.", "Укажите сервер IMAP/POP3 или выберите «без сервера», чтобы почта приходила только через входящий адрес для MTA."));
        foreach (var (field, port) in new[] { ("inPort", r.InPort), ("smtpPort", r.SmtpPort) })
            if (port is < 0 or > 65535) v.Add(field, Validation.Say($"'{field}' is a TCP port: 1–65535 (0 for the usual one).", $"«{field}» — TCP-порт: 1–65535 (0 — стандартный)."));
        if (r.PollSeconds is < 5 or > 3600) v.Add("pollSeconds", Validation.Say("'pollSeconds' is between 5 and 3600.", "Интервал проверки — от 5 до 3600 секунд."));
        if (r.MaxAttachmentBytes is < 1 or > MaxAttachmentLimit) v.Add("maxAttachmentBytes", Validation.Say($"'maxAttachmentBytes' is between 1 and {MaxAttachmentLimit}.", $"Размер вложения — от 1 до {MaxAttachmentLimit} байт."));
        if (r.PromisedResponseHours is < 1 or > 720) v.Add("promisedResponseHours", Validation.Say("'promisedResponseHours' is between 1 and 720.", "Обещанное время ответа — от 1 до 720 часов."));
        return v;
    }

    private static T Parse<T>(string text) where T : struct, Enum => Names.TryParse<T>(text, out var value) ? value : default;

    private static string? Blank(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
